import type { Static, TObject } from '@sinclair/typebox';
import type { WireValue } from './transport.js';

/** A row of an endpoint table, as far as a client cares. */
interface Row {
  path: string;
  input?: TObject;
}

/** What a caller may send for a decoded value: the value itself, or its text. */
type Sendable<T> = { [K in keyof T]: T[K] extends readonly string[] ? T[K] | string : T[K] | string };

/** Per vendor path, the parameters its schema declares (from the server's own endpoint table). */
export type InputsOf<Rows extends Row> = {
  [R in Rows as R['path']]: R['input'] extends TObject ? Sendable<Static<R['input']>> : Record<string, WireValue>;
};

/** Parameters of one call: the declared ones, plus anything else a caller chooses to send. */
export type CallParams<I> = I & Record<string, WireValue>;
