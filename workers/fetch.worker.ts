/// <reference lib="webworker" />
/** Reads model file responses on its own thread for the download worker (see src/models/fetch-relay-api.ts). */
import '../src/zod-without-eval';
import { expose } from 'comlink';
import { createFetchRelayApi } from '../src/models/create-fetch-relay-api';

expose(createFetchRelayApi());
