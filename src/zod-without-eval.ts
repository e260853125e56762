/**
 * Zod 4 compiles object parsers with `new Function` when it may, and probes for that with a
 * caught `new Function("")` the first time an object schema is built. The app's CSP has no
 * 'unsafe-eval', so the probe is refused and reported as a `securitypolicyviolation` (and the
 * compiled path is lost anyway). Jitless parsing never tries.
 *
 * The setting is read when a schema is built, per JavaScript realm: every entry (the page, each
 * worker, the service worker) imports this module before anything else (entries.test.ts checks).
 */
import { z } from 'zod';

z.config({ jitless: true });
