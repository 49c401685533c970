/** The export endpoints (5.13–5.17, 5.34, 5.35). */
export { exportHistory } from './history.js';
export { exportVotes, exportSurveys } from './polls.js';
export { exportQa } from './qa.js';
export { exportRollcalls } from './rollcall.js';
export { exportChat } from './chat.js';
export { exportUsage } from './usage.js';
export { EXPORT_INPUT, USAGE_INPUT } from './common.js';
