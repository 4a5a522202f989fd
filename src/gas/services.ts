// Apps Script adapters of the ports: cache, lock, clock, ids, mail, calendar, Docs and logging (the only place using these globals).
import type { CalendarPort, LogPort, MailPort } from '../app/ports';
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
        name: 'Kompetent',
      });
    },
    remainingQuota: () => MailApp.getRemainingDailyQuota(),
  };
}

/** The user's own calendar (add-on executions run as the user). Updates change the event in place, without re-inviting. */
export function calendarApp(): CalendarPort {
  return {
    upsertEvent(e) {
      const cal = CalendarApp.getDefaultCalendar();
      const start = new Date(e.startsAt);
      const end = new Date(e.endsAt);
      const existing = e.id ? cal.getEventById(e.id) : null;
      if (existing) {
        existing.setTitle(e.title);
        existing.setTime(start, end);
        if (e.location !== undefined) existing.setLocation(e.location);
        if (e.description !== undefined) existing.setDescription(e.description);
        return existing.getId();
      }
      return cal.createEvent(e.title, start, end, { location: e.location ?? '', description: e.description ?? '' }).getId();
    },
    removeEvent(id) {
      CalendarApp.getDefaultCalendar().getEventById(id)?.deleteEvent();
    },
  };
}

export function consoleLog(): LogPort {
  return {
    error: (message, detail) => console.error(message, detail === undefined ? '' : detail),
    info: (message, detail) => console.log(message, detail === undefined ? '' : detail),
  };
}
