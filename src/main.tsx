import './zod-without-eval';
import { render } from 'solid-js/web';
import { App } from './app/app';
import './app/styles.css';

render(() => <App />, document.getElementById('root')!);
