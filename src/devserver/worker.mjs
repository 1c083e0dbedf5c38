// Worker threads do not inherit tsx's loader from `tsx` or vitest: register it, then run the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
