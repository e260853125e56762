/// <reference lib="webworker" />
/** Model download worker: streams Hub files into OPFS (sync access handles need a dedicated worker). */
import '../src/zod-without-eval';
import { expose } from 'comlink';
import { createDownloadApi } from '../src/models/create-download-api';

expose(createDownloadApi());
