// The card context the forum's card tests use: a language, its translator and the municipality's time zone.
import { translator, type Locale } from '../../src/core/i18n';
import type { CardContext } from '../../src/ui/cards/forum-common';

export const forumCtx = (locale: Locale = 'nb'): CardContext => ({ t: translator(locale), locale, timeZone: 'Europe/Oslo' });
