// Apps Script adapters of the ports: cache, locks, clock, ids, mail, the course calendar, send marks and logging.
import { mailSenderName, type CalendarPort, type LeaseStore, type LogPort, type MailPort, type SentMarks } from '../app/ports';
import { PROPS } from './config';
import type { CachePort, Clock, IdSource, LockPort, Meter } from '../store/ports';

export function scriptCache(): CachePort {
  const c = CacheService.getScriptCache();
  return {
    getAll: (keys) => (keys.length ? c.getAll(keys) : {}),
    putAll: (values, ttl) => c.putAll(values, ttl),
    removeAll: (keys) => c.removeAll(keys),
  };
}

export function scriptLock(meter: Meter): LockPort {
  const lock = LockService.getScriptLock();
  return {
    tryLock: (ms) => { meter.call('lock'); return lock.tryLock(ms); },
    release: () => lock.releaseLock(),
    holding: () => lock.hasLock(),
  };
}

export function scriptClock(): Clock {
  const timeZone = Session.getScriptTimeZone() || 'Europe/Oslo';
  return {
    timeZone,
    now: () => new Date(),
    today: () => Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd'),
  };
}

export function uuidIds(): IdSource {
  // 16 hex digits (64 bits): collisions stay negligible at millions of rows.
  return { next: (prefix) => `${prefix}-${Utilities.getUuid().replace(/-/g, '').slice(0, 16)}` };
}

export function mailApp(): MailPort {
  return {
    send(mail) {
      MailApp.sendEmail({
        to: mail.to,
        subject: mail.subject,
        body: mail.text,
        ...(mail.html ? { htmlBody: mail.html } : {}),
        ...(mail.attachments?.length ? {
          attachments: mail.attachments.map((a) => (a.encoding === 'base64'
            ? Utilities.newBlob(Utilities.base64Decode(a.content), a.mimeType, a.fileName)
            : Utilities.newBlob(a.content, a.mimeType, a.fileName))),
        } : {}),
        name: mailSenderName(),
      });
    },
    remainingQuota: () => MailApp.getRemainingDailyQuota(),
  };
}

const SEND_QUIETLY = { sendUpdates: 'none' };

/** The advanced service's errors carry the API's message ("API call to calendar.events.get failed with error: Not Found"). */
function isGone(err: unknown): boolean {
  return /not found|404|410|deleted/i.test(err instanceof Error ? err.message : String(err));
}

function advancedCalendar(): GoogleAppsScript.Calendar {
  if (!Calendar) throw new Error('The Calendar advanced service is not enabled (appsscript.json dependencies.enabledAdvancedServices)');
  return Calendar;
}

/**
 * The one Kompetent course calendar, through the Calendar API advanced service, written only by the outbox job (the
 * Kompetent account). The calendar is one the app made (`Calendar.Calendars.insert`, scope calendar.app.created), its
 * id kept in Script Properties; never `primary`, which would be whoever runs the script. Events have the session's id
 * (`Calendar.Events.insert(resource, calendarId, { sendUpdates })`; `Calendar.Events.patch(resource, calendarId,
 * eventId, { sendUpdates })`, developers.google.com/calendar/api/v3/reference/events/insert and /patch: "Array fields,
 * if specified, overwrite the existing arrays", so attendees are read, merged and written whole). `sendUpdates: 'none'`:
 * guests are added and removed quietly (the outbox's own mail carries the invitation).
 */
export function courseCalendar(): CalendarPort {
  const calendarId = (): string => {
    const props = PropertiesService.getScriptProperties();
    const known = props.getProperty(PROPS.courseCalendarId);
    if (known) return known;
    const made = advancedCalendar().Calendars!.insert({ summary: 'Kompetent – kurs', timeZone: Session.getScriptTimeZone() || 'Europe/Oslo' });
    props.setProperty(PROPS.courseCalendarId, made.id!);
    return made.id!;
  };
  const read = (cal: string, id: string): GoogleAppsScript.Calendar.Schema.Event | undefined => {
    try {
      return advancedCalendar().Events!.get(cal, id);
    } catch (err) {
      if (isGone(err)) return undefined;
      throw err;
    }
  };
  return {
    syncEvent(e, addGuests, removeGuests) {
      const cal = calendarId();
      const events = advancedCalendar().Events!;
      const body: GoogleAppsScript.Calendar.Schema.Event = {
        summary: e.title, description: e.description ?? '', location: e.location ?? '',
        start: { dateTime: e.startsAt }, end: { dateTime: e.endsAt }, status: 'confirmed', guestsCanInviteOthers: false,
      };
      const existing = read(cal, e.id);
      const gone = new Set(removeGuests.map((g) => g.toLowerCase()));
      const had = (existing?.attendees ?? []).filter((a) => !a.email || !gone.has(a.email.toLowerCase()));
      const known = new Set(had.map((a) => (a.email ?? '').toLowerCase()));
      const attendees = [...had, ...addGuests.map((g) => g.toLowerCase()).filter((g) => !gone.has(g) && !known.has(g)).map((email) => ({ email }))];
      if (existing) events.patch({ ...body, attendees }, cal, e.id, SEND_QUIETLY);
      else events.insert({ ...body, id: e.id, attendees }, cal, SEND_QUIETLY);
    },
    cancelEvent(id) {
      const cal = calendarId();
      try {
        advancedCalendar().Events!.remove(cal, id, SEND_QUIETLY);
      } catch (err) {
        if (!isGone(err)) throw err;
      }
    },
    getEvent(id) {
      const e = read(calendarId(), id);
      if (!e) return undefined;
      return {
        id, title: e.summary ?? '', startsAt: e.start?.dateTime ?? '', endsAt: e.end?.dateTime ?? '', location: e.location, description: e.description,
        guests: (e.attendees ?? []).map((a) => (a.email ?? '').toLowerCase()).filter(Boolean), status: e.status === 'cancelled' ? 'cancelled' : 'confirmed',
      };
    },
  };
}

/** Send marks in Script Properties (`outbox-sent:<id>`): durable the moment setProperty returns. */
export function propertyMarks(meter: Meter): SentMarks {
  const props = () => PropertiesService.getScriptProperties();
  const key = (id: string) => `outbox-sent:${id}`;
  return {
    marked(ids) {
      if (ids.length === 0) return new Set();
      meter.call('properties.marked');
      const all = props().getProperties();
      return new Set(ids.filter((id) => all[key(id)] !== undefined));
    },
    mark(id) { meter.call('properties.mark'); props().setProperty(key(id), '1'); },
    clear(ids) { const p = props(); for (const id of ids) { meter.call('properties.clear'); p.deleteProperty(key(id)); } },
  };
}

/**
 * A small key → value store in Script Properties under `<prefix>:<key>`: "shared among all users of a script"
 * (https://developers.google.com/apps-script/guides/properties), so the trigger owner's run and an administrator's
 * "run now" see the same values; a value ≤ 9 KB, all properties ≤ 500 KB
 * (https://developers.google.com/apps-script/guides/services/quotas). Job leases (`job-lease:<job>`, read and set only
 * under the script lock) and a job's progress between executions (`job-progress:<key>`).
 */
export function propertyStore(prefix: 'job-lease' | 'job-progress', meter: Meter): LeaseStore {
  const props = () => PropertiesService.getScriptProperties();
  const key = (name: string) => `${prefix}:${name}`;
  return {
    get(name) { meter.call('properties.get'); return props().getProperty(key(name)) ?? undefined; },
    set(name, value) { meter.call('properties.set'); props().setProperty(key(name), value); },
    remove(name) { meter.call('properties.delete'); props().deleteProperty(key(name)); },
  };
}

export function consoleLog(): LogPort {
  return {
    error: (message, detail) => console.error(message, detail === undefined ? '' : detail),
    info: (message, detail) => console.log(message, detail === undefined ? '' : detail),
  };
}
