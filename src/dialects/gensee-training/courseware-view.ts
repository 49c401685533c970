import { conversionState, type ConversionState } from '../../core/conversions.js';
import type { VodSource } from '../../core/media.js';
import type { VodRow } from '../../storage/schema.js';
import type { JobState } from '../../jobs/queue.js';
import type { TrainingContext } from './context.js';

/** A courseware's viewing page, in the URL shape Gensee Training hands out (`…/training/site/v/<number>`). */
export function coursewareUrl(ctx: TrainingContext, vod: Pick<VodRow, 'number'>): string {
  return `${ctx.config.publicUrl ?? ctx.req.origin}/training/site/v/${vod.number}`;
}

/**
 * 5.11 `grType` "0.3.4录制件1多媒体2文档": recordings (from a class, or uploaded by a recording
 * tool) are 0 — 3 and 4 name recording variants Lectern has no counterpart of —, converted media 1,
 * converted documents 2.
 */
const GR_TYPES: Record<VodSource, number> = { record: 0, upload: 0, media: 1, document: 2 };
export const grType = (vod: VodRow): number => GR_TYPES[vod.source as VodSource] ?? 0;

/** 5.11 `convertResult`: 0 converting, 1 success, −1 failed. */
const CONVERT_RESULT: Record<ConversionState, number> = { converting: 0, ready: 1, failed: -1 };
/** 5.22 `convCode` (A-21; note 0 means the opposite of `convertResult`'s): 0 success, 1 failed, 2 converting. */
const CONV_CODE: Record<ConversionState, number> = { ready: 0, failed: 1, converting: 2 };

export const convertResult = (jobId: number | null, states: ReadonlyMap<number, JobState>) => CONVERT_RESULT[conversionState(jobId, states)];
export const convCode = (jobId: number | null, states: ReadonlyMap<number, JobState>) => CONV_CODE[conversionState(jobId, states)];
