/** FiveM server entry: natives → the shared start-up → FXServer's HTTP handler. */
import { start } from '../core/start';
import { createFxRuntime, onResourceStop, setHttpHandler } from './fx/natives';
import { createFxHttpHandler } from './http-handler';

const runtime = createFxRuntime();
const started = start(runtime);
setHttpHandler(createFxHttpHandler(started.exchange, runtime.timers));
onResourceStop(() => void started.stop());
