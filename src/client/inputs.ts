import type { Static, TObject, TOptional, TSchema } from '@sinclair/typebox';
import type { Defaulted, TimePeriod } from '../dialects/framework/input.js';
import type { WireValue } from './transport.js';

/** A row of an endpoint table, as far as a client cares. */
interface Row {
  path: string;
  input?: TObject;
}

/** What a caller may send for a decoded value: the value itself, or its text (a time: its wire text or epoch value). */
type Wire<T> = T extends TimePeriod ? string | number : T extends readonly (infer I)[] ? readonly I[] | string : T | string;

type Props<S extends TObject> = S['properties'];
/** Fields a caller may leave out: optional ones, and those with a default. */
type Omissible<S extends TObject> = {
  [K in keyof Props<S>]: Props<S>[K] extends TOptional<TSchema> ? K : Props<S>[K] extends Defaulted<TSchema> ? K : never;
}[keyof Props<S>];

type Sendable<S extends TObject> = { [K in Omissible<S>]?: Wire<Static<Props<S>[K]>> } & { [K in Exclude<keyof Props<S>, Omissible<S>>]: Wire<Static<Props<S>[K]>> };

/** Per vendor path, the parameters its schema declares (from the server's own endpoint table). */
export type InputsOf<Rows extends Row> = {
  [R in Rows as R['path']]: R['input'] extends TObject ? Sendable<R['input']> : Record<string, WireValue>;
};

/** Parameters of one call: the declared ones, plus anything else a caller chooses to send. */
export type CallParams<I> = I & Record<string, WireValue>;
