/**
 * Typed clients of the four vendor APIs Lectern speaks (`import { BaijiayunClient } from 'lectern/client'`).
 * They sign as the vendors' own samples do; paths and parameters are typed from Lectern's endpoint tables.
 */
export { BaijiayunClient, type BaijiayunAnswer, type BaijiayunCallOptions, type BaijiayunClientOptions, type BaijiayunInputs } from './BaijiayunClient.js';
export { CcCollectClient, type CcAnswer, type CcCallOptions, type CcCollectClientOptions, type CcCollectInputs } from './CcCollectClient.js';
export { GenseeTrainingClient, GenseeWebcastClient, type GenseeAnswer, type GenseeCallOptions, type GenseeClientOptions, type GenseeTrainingInputs, type GenseeWebcastInputs } from './GenseeClient.js';
export { httpTransport, type ClientRequest, type ClientResponse, type ListEncoding, type Transport, type WirePairs, type WireRecord, type WireValue } from './transport.js';
