// The leader's sign-off dialog: which practical competence, on what day, with an optional note; the leader is the verifier.
import { formatDate, type Locale, type Translate } from '../../core/i18n';
import type { Card } from '../../contract/card-types';
import { ACTIONS } from '../../contract/actions';
import { actionButton, buttons, card, datePicker, esc, section, select, text, textInput } from './widgets';

export interface SignOffModel {
  personName: string;
  email: string;
  chain: string[];
  /** Competences that can be signed off for this person, with their current status label. */
  choices: { competenceId: string; name: string; statusLabel: string }[];
  selected?: string;
  today: string;
  /** The leader signing off, by name (the verifier recorded is their address). */
  leaderName: string;
}

export function signOffCard(m: SignOffModel, t: Translate, locale: Locale): Card {
  const selected = m.selected && m.choices.some((c) => c.competenceId === m.selected) ? m.selected : m.choices[0]?.competenceId;
  return card({ title: t('signoff.title'), subtitle: m.personName }, [
    section([
      select('competenceId', t('signoff.competence'), m.choices.map((c) => ({
        text: `${c.name} (${c.statusLabel})`, value: c.competenceId, selected: c.competenceId === selected,
      })), m.choices.length > 4 ? 'DROPDOWN' : 'RADIO_BUTTON'),
      datePicker('achievedOn', t('signoff.date'), m.today),
      textInput('note', t('signoff.note'), { hint: t('signoff.noteHint') }),
      text(esc(t('signoff.explain', { leader: m.leaderName, today: formatDate(locale, m.today) }))),
    ]),
    section([buttons([
      actionButton(t('signoff.submit'), ACTIONS.signOffSubmit, { email: m.email, chain: m.chain.join(',') }, { style: 'FILLED' }),
    ])]),
  ], { name: 'signoff' });
}
