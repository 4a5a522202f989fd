// Common Norwegian first and last names, combined at random (never a real person's data), and unique work e-mails.
import type { Rng } from './random';

export const FIRST_NAMES = [
  'Anne', 'Inger', 'Kari', 'Marit', 'Ingrid', 'Liv', 'Eva', 'Berit', 'Astrid', 'Bjørg', 'Hilde', 'Anna', 'Solveig',
  'Marianne', 'Randi', 'Ida', 'Nina', 'Maria', 'Elisabeth', 'Kristin', 'Bente', 'Heidi', 'Silje', 'Hanne', 'Gunn',
  'Tone', 'Turid', 'Wenche', 'Camilla', 'Ragnhild', 'Åse', 'Sissel', 'Mette', 'Grete', 'Siri', 'Tove', 'Ellen',
  'Linda', 'Kristine', 'Marte', 'Nora', 'Emma', 'Sara', 'Thea', 'Ingeborg', 'Sigrid', 'Maja', 'Julie', 'Ane',
  'Synnøve', 'Gro', 'Målfrid', 'Torunn', 'Unni', 'Vigdis', 'Øydis', 'Frøydis', 'Åshild', 'Sølvi', 'Mari-Ann',
  'Anne-Lise', 'Lene', 'Stine', 'Tuva', 'Vilde', 'Karoline', 'Hedda', 'Amalie', 'Aisha', 'Fatima', 'Agnieszka',
  'Jan', 'Per', 'Bjørn', 'Ole', 'Lars', 'Kjell', 'Knut', 'Arne', 'Svein', 'Thomas', 'Hans', 'Geir', 'Tor', 'Morten',
  'Terje', 'Odd', 'Erik', 'Martin', 'Andreas', 'John', 'Anders', 'Rune', 'Trond', 'Tore', 'Harald', 'Jon', 'Espen',
  'Øystein', 'Håkon', 'Stian', 'Magnus', 'Jonas', 'Kristian', 'Eirik', 'Sindre', 'Even', 'Ståle', 'Sverre',
  'Øyvind', 'Åsmund', 'Pål', 'Gaute', 'Sigurd', 'Torbjørn', 'Dag', 'Frode', 'Helge', 'Vegard', 'Jørgen', 'Mats',
  'Emil', 'Henrik', 'Mathias', 'Sondre', 'Tobias', 'Aksel', 'Ali', 'Mohammed', 'Piotr', 'Jens', 'Nils', 'Leif',
] as const;

export const LAST_NAMES = [
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen',
  'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl',
  'Jørgensen', 'Henriksen', 'Lund', 'Halvorsen', 'Sørensen', 'Jakobsen', 'Moen', 'Gundersen', 'Iversen', 'Strand',
  'Solberg', 'Svendsen', 'Eide', 'Knutsen', 'Martinsen', 'Paulsen', 'Bakken', 'Kristoffersen', 'Mathisen', 'Lie',
  'Amundsen', 'Nguyen', 'Rasmussen', 'Ali', 'Lunde', 'Solheim', 'Berge', 'Moe', 'Nygård', 'Bakke', 'Kristensen',
  'Fredriksen', 'Holm', 'Lien', 'Hauge', 'Christensen', 'Andresen', 'Nielsen', 'Knudsen', 'Evensen', 'Sæther',
  'Aas', 'Myhre', 'Hanssen', 'Ahmed', 'Haugland', 'Thomassen', 'Sivertsen', 'Simonsen', 'Danielsen', 'Berntsen',
  'Sandvik', 'Rønning', 'Arnesen', 'Antonsen', 'Næss', 'Håkonsen', 'Vik', 'Ødegård', 'Aasen', 'Løken', 'Bråthen',
  'Dahle', 'Fjeld', 'Grønli', 'Hovland', 'Kvamme', 'Myklebust', 'Nordby', 'Rød', 'Skaug', 'Tangen', 'Wold',
  'Østby', 'Ålien', 'Engen', 'Lindstrøm', 'Brekke', 'Bøe', 'Hoel', 'Tveit', 'Sunde', 'Kowalski', 'Hussain',
] as const;

/** ASCII for an e-mail local part: æ→ae, ø→o, å→a, accents dropped, spaces to hyphens. */
export function asciiFold(s: string): string {
  return s.toLowerCase()
    .replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9.-]/g, '');
}

export const DEMO_DOMAIN = 'kommune.example';

/** Hands out `firstname.lastname[n]@kommune.example`, unique across the whole demo. */
export class EmailBook {
  private readonly counts = new Map<string, number>();
  private readonly taken = new Set<string>();

  /** Reserves an exact address (the personas) so that nobody else gets it. */
  reserve(email: string): void {
    this.taken.add(email);
  }

  next(first: string, last: string): string {
    const base = `${asciiFold(first)}.${asciiFold(last)}`;
    let n = this.counts.get(base) ?? 0;
    for (;;) {
      n++;
      const email = `${base}${n === 1 ? '' : n}@${DEMO_DOMAIN}`;
      if (!this.taken.has(email)) {
        this.counts.set(base, n);
        this.taken.add(email);
        return email;
      }
    }
  }
}

export function randomName(rng: Rng): { first: string; last: string } {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) };
}
