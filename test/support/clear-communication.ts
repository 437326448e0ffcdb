// Structural checks, drawn from the CDC Clear Communication Index and AHRQ teach-back, that code can make on a
// generated script. They are not a CDC score: whether the main message is the right one, or the words are the
// audience's, needs a person, and independent reviewers score samples (docs/reviews/).
import type { Script, ScriptLine } from '../../preload/contract';

export interface Check {
  item: string;
  passed: boolean;
  why?: string;
}

const steps = (s: Script, id: string) => s.steps.find((st) => st.id === id)?.lines ?? [];
const spoken = (lines: ScriptLine[]) => lines.filter((l) => l.say);

/** Symbols and units a listener cannot hear (CDC item 7 "words the audience uses"). "$", "%" and "911" are fine. */
const unspoken = /[×µμ^*/<>=≤≥²³⁰¹⁴⁵⁶⁷⁸⁹°]|\b(?:mg|dL|mmol|µmol|umol|fL|pg|mEq|meq|mmHg|IU|mIU|U\/L|kg\/m2|mL|ng|nmol|pmol)\b/u;

const words = {
  en: {
    identifiers: [/full name/i, /date of birth/i],
    burden: /I want to be sure I (explained|said)/i,
    ownWords: /in your own words/i,
    yesNo: /^(do|did|does|can|could|is|are|will|would)\b/i,
    anythingElse: /anything else/i,
    today: /\btoday\b/i,
    who: /\b(I|you|your care team|a nurse|the nurse|a clinician|your plan|someone)\b/i,
    when: /\b(today|now|right away|within|when|before|by then|at once)\b|anything new/i,
    calls: /\b(call you|will call)\b/i,
    callWhen: /\b(today|within \d+ business days?)\b/i,
    emergency: /\b911\b/,
  },
  es: {
    identifiers: [/nombre completo/i, /fecha de nacimiento/i],
    burden: /Quiero asegurarme de que me expliqué/i,
    ownWords: /con sus propias palabras/i,
    yesNo: /^¿?(entiende|entendió|tiene|puede|podría|es|está|va a)\b/i,
    anythingElse: /algo más/i,
    today: /\bhoy\b/i,
    who: /\b(yo|usted|le|su equipo de salud|enfermería|un clínico|su plan|alguien|llámenos)\b/i,
    when: /\b(hoy|ahora|de inmediato|en los próximos|cuando|antes|para entonces)\b|nada nuevo/i,
    calls: /\b(le va a llamar|le van a llamar|le llame|le llamen|le han llamado)\b/i,
    callWhen: /\b(hoy|en los próximos \d+ días hábiles)\b/i,
    emergency: /\b911\b/,
  },
};

/** Every check that applies to this script, passed or not. */
export function codeChecks(s: Script): Check[] {
  const w = words[s.language];
  const checks: Check[] = [];
  const check = (item: string, passed: boolean, why?: string) => checks.push({ item, passed, ...(passed || !why ? {} : { why }) });

  const verify = spoken(steps(s, 'verify'))
    .map((l) => l.text)
    .join(' ');
  check(
    'identity: the read-aloud line asks for both identifiers',
    w.identifiers.every((re) => re.test(verify)),
    verify,
  );

  const explain = steps(s, 'explain');
  const said = spoken(explain);
  const firstMain = said.findIndex((l) => l.emphasis === 'main');
  const lastMain = said.map((l) => l.emphasis === 'main').lastIndexOf(true);
  check('#2 main message first in the explanation', firstMain === 0, said[0]?.text);
  check('#1 one main message (1 to 3 sentences, together)', firstMain === 0 && lastMain < 3 && said.slice(0, lastMain + 1).every((l) => l.emphasis === 'main'));

  const order = s.steps.map((st) => st.id).join(' ');
  check('teach-back comes after the next step it checks', order === 'verify context explain next-steps teach-back close', order);

  const next = spoken(steps(s, 'next-steps'));
  const act = next[0];
  check('#5 one call to action, first in the next steps', act?.emphasis === 'action' && next.filter((l) => l.emphasis === 'action').length === 1, act?.text);
  check('#12-14 the call to action says who does what, and when', !!act && w.who.test(act.text) && w.when.test(act.text), act?.text);

  const bad = s.steps.flatMap((st) => spoken(st.lines)).filter((l) => unspoken.test(l.text));
  check('#7 no symbol or unit a listener cannot hear', bad.length === 0, bad.map((l) => l.text).join(' | '));

  const tb = steps(s, 'teach-back');
  const question = spoken(tb).find((l) => !l.when);
  check(
    'teach-back: burden on the agent, own words, open question',
    !!question &&
      w.burden.test(question.text) &&
      w.ownWords.test(question.text) &&
      question.text.trim().endsWith('?') &&
      !w.yesNo.test(question.text.split(/[.]\s+/).pop() ?? ''),
    question?.text,
  );
  check(
    'teach-back: another way to explain when the answer misses',
    spoken(tb).some((l) => !!l.when),
  );

  const close = steps(s, 'close');
  if (s.safety === 'critical') {
    check('critical: ends at the transfer, never "anything else?"', !spoken(close).some((l) => w.anythingElse.test(l.text)));
    const cannotStay = spoken(close).find((l) => l.when);
    check('critical: a line for a patient who cannot stay on (booked, and when)', !!cannotStay && w.today.test(cannotStay.text), cannotStay?.text);
    check(
      'critical: the 911 safety net comes before the teach-back',
      next.some((l) => w.emergency.test(l.text)),
    );
  }
  if (s.safety === 'outside-range' || s.safety === 'unknown' || s.safety === 'clinician-only' || s.safety === 'callback-today') {
    const text = act?.text ?? '';
    check('follow-up: says who will call whom, and when', w.calls.test(text) && w.callWhen.test(text), text);
  }
  return checks;
}

/** The share of these checks that pass (out of 100), and the failed ones. Not the CDC index's own score. */
export function codeCheckedItems(s: Script): { score: number; failed: Check[] } {
  const checks = codeChecks(s);
  const failed = checks.filter((c) => !c.passed);
  return { score: Math.round(((checks.length - failed.length) / checks.length) * 1000) / 10, failed };
}
