import { DialectError, type ErrorEntry } from '../framework/dialect.js';

/**
 * Baijiayun's complete error table (catalog §1.5, plus 4001 of field notes 16). Every Baijiayun
 * error Lectern answers is one of these. Envelope answers are HTTP 200; an unknown path is the one 404.
 */
export const BAIJIAYUN_ERRORS = {
  GENERIC: { code: 1, message: '普通错误', status: 200 },
  PATH_NOT_FOUND: { code: 404, message: '请求路径不存在', status: 404 },
  PARAM: { code: 1001, message: '参数错误', status: 200 },
  SIGN: { code: 1002, message: '签名计算错误', status: 200 },
  ACCOUNT_NOT_FOUND: { code: 2001, message: '账号不存在', status: 200 },
  ACCOUNT_PERMISSION: { code: 2002, message: '账号权限错误', status: 200 },
  ACCOUNT_STOPPED: { code: 2003, message: '直播账号未开或服务停止', status: 200 },
  ROOM_NOT_FOUND: { code: 3001, message: '房间号不存在', status: 200 },
  ROOM_DELETED: { code: 3002, message: '该房间已删除', status: 200 },
  /** From the vendor's newer edition (field notes 16): a file that could not be stored. */
  UPLOAD_FAILED: { code: 4001, message: '上传失败', status: 200 },
} as const satisfies Record<string, ErrorEntry>;

export type BaijiayunErrorName = keyof typeof BAIJIAYUN_ERRORS;

export const baijiayunError = (name: BaijiayunErrorName, detail?: string) => new DialectError(BAIJIAYUN_ERRORS[name], detail);
