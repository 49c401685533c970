import { useId } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { Translate } from '../i18n';

/** A labelled text box that refuses (and says so) text longer than `max`, before anything is sent. */
export function TextField(props: {
  label: string; value: string; onInput(v: string): void; max: number; t: Translate;
  multiline?: boolean; placeholder?: string; hideLabel?: boolean; name?: string; onEnter?: () => void;
}) {
  const id = useId();
  const tooLong = props.value.length > props.max;
  const common = {
    id, name: props.name, value: props.value, placeholder: props.placeholder, 'aria-invalid': tooLong,
    'aria-describedby': tooLong ? `${id}-err` : undefined,
    onInput: (e: Event) => props.onInput((e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value),
  };
  return (
    <div class="field">
      <label for={id} class={props.hideLabel ? 'sr-only' : undefined}>{props.label}</label>
      {props.multiline
        ? <textarea {...common} rows={3} />
        : <input {...common} type="text" onKeyDown={(e) => { if (e.key === 'Enter' && props.onEnter) { e.preventDefault(); props.onEnter(); } }} />}
      {tooLong && <p id={`${id}-err`} class="field-error" role="alert">{props.t('tooLong', { max: props.max })}</p>}
    </div>
  );
}

/** True when a text may be sent: something there, and not too long. */
export const sendable = (v: string, max: number) => v.trim().length > 0 && v.length <= max;

/** A titled region of the page (a landmark with an accessible name). */
export function Panel(props: { title: string; children: ComponentChildren; class?: string }) {
  const id = useId();
  return (
    <section class={`panel ${props.class ?? ''}`} aria-labelledby={id}>
      <h2 id={id}>{props.title}</h2>
      {props.children}
    </section>
  );
}
