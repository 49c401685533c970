import type { Dialect } from './framework/dialect.js';
import { genseeWebcast } from './gensee-webcast/dialect.js';
import { genseeTraining } from './gensee-training/dialect.js';
import { ccCollect } from './cc-collect/dialect.js';
import { baijiayun } from './baijiayun/dialect.js';

/** Every dialect Lectern serves, on one port at the vendors' own paths. */
export const DIALECTS: ReadonlyArray<Dialect<any, any>> = [genseeWebcast, genseeTraining, ccCollect, baijiayun]; // eslint-disable-line @typescript-eslint/no-explicit-any
