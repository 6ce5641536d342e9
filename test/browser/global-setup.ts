/** Says once per run, not once per file, that the browser tests were skipped and how to run them. */
import { ENABLE_HINT, chromiumPath } from '../helpers/browser.js';

export default function setup(): void {
  if (!chromiumPath() && process.env.OMNIBOT_BROWSER_TESTS !== 'required') console.warn(ENABLE_HINT);
}
