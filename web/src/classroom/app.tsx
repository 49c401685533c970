import { useEffect, useMemo, useState } from 'preact/hooks';
import { otherLanguageHref, pageLang, translator, type Translate } from '../i18n';
import { TextField, sendable } from '../ui/fields';
import { enter, opening, type Admission, type Refusal } from './admission';
import { Classroom } from './classroom';
import { MAX_NAME } from './protocol';

/** The single page behind `/enter` and every join link: the entry form, then the classroom. */
export function App() {
  const lang = pageLang();
  const t = useMemo(() => translator(lang), [lang]);
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  const how = useMemo(() => opening(), []);
  const [admission, setAdmission] = useState<Admission | null>(null);
  const [ended, setEnded] = useState<Refusal | 'removed' | 'bad_ticket' | null>(null);

  if (admission && !ended) {
    document.title = `${admission.room.title} · ${t('appName')}`;
    return <Classroom admission={admission} t={t} lang={lang} onEnded={(why) => setEnded(why)} />;
  }
  document.title = t('appName');
  return <EntryPage t={t} lang={lang} how={how} onAdmitted={setAdmission} initialRefusal={ended} />;
}

function EntryPage(props: { t: Translate; lang: 'zh' | 'en'; how: ReturnType<typeof opening>; onAdmitted(a: Admission): void; initialRefusal: Refusal | 'removed' | 'bad_ticket' | null }) {
  const { t, how } = props;
  const [code, setCode] = useState(how.code);
  const [name, setName] = useState(how.name);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(props.initialRefusal);

  const submit = async () => {
    if (busy) return;
    if ((how.kind === 'code' && !code.trim()) || !sendable(name, MAX_NAME)) {
      setRefusal('invalid');
      return;
    }
    setBusy(true);
    setRefusal(null);
    const result = await enter(how, code, name);
    setBusy(false);
    if (result.ok) props.onAdmitted(result.admission);
    else setRefusal(result.reason);
  };
  // A link or code that already carries a name enters at once (once: a refusal stays on screen).
  useEffect(() => {
    if (!props.initialRefusal && how.name && (how.kind === 'link' || how.code)) void submit();
  }, []);

  return (
    <main class="entry">
      <header class="entry-head">
        <h1>{t('enterTitle')}</h1>
        <a href={otherLanguageHref(props.lang)} lang={props.lang === 'en' ? 'zh-CN' : 'en'}>{t('switchLanguage')}</a>
      </header>
      <p>{t('enterIntro')}</p>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} aria-busy={busy}>
        {how.kind === 'code' && <TextField label={t('code')} name="code" value={code} onInput={setCode} max={32} t={t} />}
        <TextField label={t('nickname')} name="nickname" value={name} onInput={setName} max={MAX_NAME} t={t} />
        <button type="submit" class="primary" disabled={busy}>{busy ? t('entering') : t('enter')}</button>
      </form>
      {refusal && <p class="refusal" role="alert">{t(`refused.${refusal}` as Parameters<Translate>[0])}</p>}
    </main>
  );
}
