// Small cards every surface shares: the welcome for people not in the records, help, and data health.
import { formatDate, type Locale, type Translate } from '../../core/i18n';
import type { HealthReport } from '../../contract/views';
import type { Card } from '../../contract/card-types';
import { ACTIONS } from '../../contract/actions';
import { actionButton, buttons, card, decorated, esc, icon, section, text } from './widgets';

/** For someone not in the records: greeted by the name Google gives (Chat), never by their address. */
export function unknownUserCard(name: string | undefined, t: Translate): Card {
  // A display name that is an address (a profile without a name) is no name.
  const named = name?.trim() && !name.includes('@') ? name.trim() : undefined;
  return card({ title: named ? t('unknown.titleNamed', { name: named }) : t('unknown.title') }, [
    section([text(esc(t('unknown.body'))), text(esc(t('unknown.hint')))]),
    section([buttons([
      actionButton(t('button.faq'), ACTIONS.faqSearch),
      actionButton(t('button.askGuide'), ACTIONS.askOpen, {}, { dialog: true }),
    ])]),
  ], { name: 'welcome' });
}

export function helpCard(t: Translate): Card {
  return card({ title: t('help.title') }, [
    section([text(t('help.body').replace(/\n/g, '<br>'))]),
    section([buttons([
      actionButton(t('button.myStatus'), ACTIONS.myStatus),
      actionButton(t('button.findCourses'), ACTIONS.findCourses),
      actionButton(t('button.askGuide'), ACTIONS.askOpen, {}, { dialog: true }),
    ])]),
  ], { name: 'help' });
}

export function healthCard(report: HealthReport | undefined, t: Translate, locale: Locale): Card {
  if (!report) return card({ title: t('health.title') }, [section([text(esc(t('error.notFound')))])]);
  const widgets = report.issues.slice(0, 40).map((i) => decorated({
    topLabel: esc(t('health.where', { table: i.shard ? t('health.inShard', { table: i.table, shard: i.shard }) : i.table, row: i.rowNumber ?? '–', field: i.field ?? '–' })),
    text: esc(t(`health.reason.${i.reason}` as never, { ref: i.value ?? '' })),
    bottomLabel: i.value ? esc(i.value) : undefined,
    startIcon: icon('warning'),
  }));
  return card({ title: t('health.title'), subtitle: formatDate(locale, report.checkedAt) }, [
    section([text(esc(report.total === 0 ? t('health.ok') : t('health.summary', { count: report.total })))]),
    section(widgets),
    section([buttons([actionButton(t('common.refresh'), ACTIONS.jobRebuild)])]),
  ], { name: 'health' });
}
