/// <reference lib="webworker" />
/** SHA-256 of model files on its own thread, fed by the download worker. */
import '../src/zod-without-eval';
import { expose } from 'comlink';
import { createHashApi } from '../src/models/create-hash-api';

expose(createHashApi());
