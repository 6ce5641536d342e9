/** Placeholder until the capture work lands: `events promote` is defined but not built yet. */
import { FailedError } from '../../errors.js';
import type { Handler } from '../lazy-action.js';

const handler: Handler = async () => {
  throw new FailedError('omnibot events promote is not built yet.');
};
export default handler;
