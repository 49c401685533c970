import { describe, expect, it } from 'vitest';
import { readPage, type PagingParams } from './paging.js';
import { ParamProblem, Params } from './params.js';

const params = (q: Record<string, string>) => Params.fromPairs(Object.entries(q));
const refused = (q: Record<string, string>, paging: PagingParams): ParamProblem => {
  try {
    readPage(params(q), paging);
  } catch (err) {
    if (err instanceof ParamProblem) return err;
    throw err;
  }
  throw new Error('expected a parameter problem');
};

const FIXED: PagingParams = { page: 'pageNo', size: 50 };
const REFUSING: PagingParams = { page: 'page', size: { param: 'limit', default: 100, max: 1000, aboveMax: 'refuse' } };
const CAPPING: PagingParams = { page: 'pageNo', size: { param: 'pageSize', default: 20, max: 1000, aboveMax: 'cap' } };

describe('readPage', () => {
  it('starts at page 1 when the page number is absent or empty', () => {
    expect(readPage(params({}), FIXED)).toEqual({ pageNo: 1, pageSize: 50 });
    expect(readPage(params({ pageNo: '' }), FIXED)).toEqual({ pageNo: 1, pageSize: 50 });
    expect(readPage(params({ pageNo: '3' }), FIXED)).toEqual({ pageNo: 3, pageSize: 50 });
  });

  it('refuses a page number below 1 or not an integer', () => {
    expect(refused({ pageNo: '0' }, FIXED)).toMatchObject({ param: 'pageNo', kind: 'out_of_range' });
    expect(refused({ pageNo: 'two' }, FIXED)).toMatchObject({ param: 'pageNo', kind: 'malformed' });
  });

  it('reads the size from its parameter, with its default', () => {
    expect(readPage(params({}), REFUSING)).toEqual({ pageNo: 1, pageSize: 100 });
    expect(readPage(params({ page: '2', limit: '1000' }), REFUSING)).toEqual({ pageNo: 2, pageSize: 1000 });
    expect(refused({ limit: '0' }, REFUSING)).toMatchObject({ param: 'limit', kind: 'out_of_range' });
  });

  it('refuses or caps a size above the maximum, as the endpoint says', () => {
    expect(refused({ limit: '1001' }, REFUSING)).toMatchObject({ param: 'limit', kind: 'out_of_range' });
    expect(readPage(params({ pageSize: '5000' }), CAPPING)).toEqual({ pageNo: 1, pageSize: 1000 });
    expect(refused({ pageSize: '0' }, CAPPING)).toMatchObject({ param: 'pageSize', kind: 'out_of_range' });
  });

  it('checks the page number before the size', () => {
    expect(refused({ page: '0', limit: '5000' }, REFUSING).param).toBe('page');
  });

  it('ignores the size parameter of an endpoint with a fixed size', () => {
    expect(readPage(params({ pageSize: '7' }), FIXED)).toEqual({ pageNo: 1, pageSize: 50 });
  });
});
