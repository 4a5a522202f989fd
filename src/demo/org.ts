// The demo municipality's organisation: five areas, their sectors, units and wards, with typical staffing and role mix.
// The tree is the same for every seed and size (units exist regardless of headcount); only people vary.

export const AREAS = {
  HV: 'Helse og velferd',
  OPP: 'Oppvekst',
  BY: 'Byutvikling',
  KUL: 'Kultur',
  INT: 'Interne tjenester',
} as const;
export type AreaCode = keyof typeof AREAS;

/** What kind of workplace a unit is; decides its role mix and which courses its people take. */
export type UnitKind =
  | 'area' | 'sector' | 'homecare' | 'institution' | 'ward' | 'housing' | 'activity' | 'emergency' | 'therapy'
  | 'mental-health' | 'health-office' | 'school' | 'adult-education' | 'after-school' | 'kindergarten'
  | 'child-welfare' | 'ppt' | 'health-station' | 'family' | 'property-office' | 'building-ops' | 'cleaning'
  | 'city-ops' | 'planning' | 'engineering' | 'library' | 'culture-school' | 'culture' | 'youth' | 'office' | 'it';

export interface OrgUnit {
  unitId: string;
  name: string;
  areaCode: AreaCode;
  area: string;
  parentUnitId?: string;
  kind: UnitKind;
  /** 0 area root, 1 sector, 2 unit, 3 ward. */
  level: number;
  /** Typical headcount at full scale (~15,000); people are distributed in proportion. */
  weight: number;
}

/** Role mix per kind of unit: [roleId, share]. The leaders are added on top (see people.ts). */
export const ROLE_MIX: Record<UnitKind, readonly (readonly [string, number])[]> = {
  area: [['radgiver', 70], ['konsulent', 30]],
  sector: [['radgiver', 60], ['konsulent', 40]],
  homecare: [['sykepleier', 35], ['helsefagarbeider', 40], ['assistent-helse', 14], ['vernepleier', 5], ['ergoterapeut', 3], ['fysioterapeut', 3]],
  institution: [['konsulent', 30], ['sykepleier', 30], ['fagarbeider', 20], ['renholder', 20]],
  ward: [['sykepleier', 30], ['helsefagarbeider', 45], ['assistent-helse', 20], ['vernepleier', 3], ['lege', 2]],
  housing: [['vernepleier', 30], ['miljoterapeut', 30], ['miljoarbeider', 30], ['sykepleier', 10]],
  activity: [['miljoarbeider', 50], ['vernepleier', 30], ['ergoterapeut', 20]],
  emergency: [['sykepleier', 60], ['lege', 30], ['konsulent', 10]],
  therapy: [['fysioterapeut', 50], ['ergoterapeut', 50]],
  'mental-health': [['miljoterapeut', 40], ['sykepleier', 30], ['saksbehandler', 20], ['radgiver', 10]],
  'health-office': [['saksbehandler', 70], ['sykepleier', 20], ['radgiver', 10]],
  school: [['laerer', 72], ['assistent-skole', 14], ['spesialpedagog', 6], ['konsulent', 4], ['miljoarbeider', 4]],
  'adult-education': [['laerer', 85], ['konsulent', 15]],
  'after-school': [['assistent-skole', 70], ['fagarbeider-bhg', 30]],
  kindergarten: [['barnehagelaerer', 40], ['fagarbeider-bhg', 30], ['assistent-bhg', 30]],
  'child-welfare': [['barnevernspedagog', 60], ['saksbehandler', 30], ['radgiver', 10]],
  ppt: [['radgiver', 70], ['spesialpedagog', 30]],
  'health-station': [['helsesykepleier', 80], ['lege', 10], ['konsulent', 10]],
  family: [['barnevernspedagog', 40], ['miljoterapeut', 30], ['helsesykepleier', 30]],
  'property-office': [['ingenior', 50], ['radgiver', 30], ['saksbehandler', 20]],
  'building-ops': [['driftstekniker', 75], ['fagarbeider', 25]],
  cleaning: [['renholder', 100]],
  'city-ops': [['fagarbeider', 65], ['ingenior', 15], ['driftstekniker', 20]],
  planning: [['arealplanlegger', 55], ['saksbehandler', 30], ['ingenior', 15]],
  engineering: [['ingenior', 85], ['saksbehandler', 15]],
  library: [['bibliotekar', 80], ['konsulent', 20]],
  'culture-school': [['kulturskolelaerer', 100]],
  culture: [['radgiver', 40], ['konsulent', 30], ['fagarbeider', 30]],
  youth: [['miljoarbeider', 100]],
  office: [['radgiver', 55], ['konsulent', 45]],
  it: [['it-konsulent', 80], ['radgiver', 20]],
};

/** The leader's role for a unit at a level of the tree. */
export function leaderRole(unit: OrgUnit): string {
  return ['kommunalsjef', 'virksomhetsleder', 'enhetsleder', 'avdelingsleder'][unit.level] ?? 'avdelingsleder';
}

const NURSING_HOMES: readonly (readonly [string, readonly string[]])[] = [
  ['Solbakken', ['avdeling Furu', 'avdeling Bjørk', 'skjermet avdeling Eik', 'korttidsavdeling']],
  ['Bjørkly', ['avdeling Lind', 'avdeling Rogn', 'skjermet avdeling']],
  ['Furuhaugen', ['avdeling Selje', 'avdeling Hegg', 'avdeling Osp', 'skjermet avdeling']],
  ['Lyngtunet', ['1. etasje', '2. etasje', '3. etasje']],
  ['Rosenlund', ['avdeling Sol', 'avdeling Måne', 'skjermet avdeling']],
  ['Åsly', ['avdeling A', 'avdeling B', 'avdeling C']],
  ['Nordlys', ['langtidsavdeling', 'skjermet avdeling', 'palliativ enhet']],
  ['Granheim', ['avdeling Vest', 'avdeling Øst', 'skjermet avdeling']],
];
const CENTRES = ['Lindeberg', 'Kirkebakken', 'Fjellheim', 'Strandlund'];
const CENTRE_WARDS = ['korttidsavdeling', 'rehabiliteringsavdeling', 'langtidsavdeling'];
const HOUSING = [
  'Granly bofellesskap', 'Tunveien bofellesskap', 'Elvebakken bofellesskap', 'Kastanjen bofellesskap',
  'Lillevik omsorgsboliger', 'Sagbruket bofellesskap', 'Avlastningsboligen Fyrlykta',
];
const ACTIVITY = ['Ekra dagsenter', 'Aktivitetssenteret Verkstedet', 'Arbeidssenteret Snekkerloftet'];
const SCHOOLS = [
  'Haugen', 'Solberg', 'Bakkehaugen', 'Lia', 'Vestbyen', 'Kirkevoll', 'Fjellstad', 'Strandvik', 'Eikeli', 'Bjørnstad',
  'Åsen', 'Nordbyen', 'Skogly', 'Tunet', 'Sandvika', 'Rosendal', 'Høyden', 'Elvelund', 'Myra', 'Granåsen',
];
const LOWER_SECONDARY = ['Sentrum', 'Byåsen', 'Nordre', 'Søndre', 'Vestre', 'Østre'];
const KINDERGARTENS = [
  'Eplehagen', 'Tusenfryd', 'Blåbærtoppen', 'Trollskogen', 'Marihøna', 'Løvetann', 'Regnbuen', 'Kongleskogen',
  'Bjørnehiet', 'Maurtua', 'Smørblomsten', 'Stjerneskudd', 'Humla', 'Revehiet', 'Sommerfuglen', 'Lykkeliten',
  'Tyttebærlia', 'Gullstein', 'Kløverenga', 'Furulunden', 'Bringebærhagen', 'Sjøstjerna', 'Ekornrud', 'Fjellrev',
  'Bekkeløpet', 'Kastanjehagen', 'Tiriltunga', 'Måltrosten', 'Vårsol', 'Snøballen', 'Nøtteliten', 'Hakkespetten',
  'Grantoppen', 'Solstråla',
];

type Child = { name: string; kind: UnitKind; weight: number; children?: Child[] };
type Sector = { code: string; name: string; units: Child[] };

const u = (name: string, kind: UnitKind, weight: number, children?: Child[]): Child => ({ name, kind, weight, children });

const TREE: Record<AreaCode, Sector[]> = {
  HV: [
    { code: 'HJT', name: 'Hjemmetjenester', units: ['Nord', 'Sør', 'Øst', 'Vest', 'Sentrum'].map((s) => u(`Hjemmetjenesten sone ${s}`, 'homecare', 80)) },
    { code: 'HVS', name: 'Helse- og velferdssentre', units: CENTRES.map((c) => u(`${c} helse- og velferdssenter`, 'institution', 8,
      CENTRE_WARDS.map((w) => u(`${c} helse- og velferdssenter, ${w}`, 'ward', 30)))) },
    { code: 'SYK', name: 'Sykehjem', units: NURSING_HOMES.map(([home, wards]) => u(`${home} sykehjem`, 'institution', 10,
      wards.map((w) => u(`${home} sykehjem, ${w}`, 'ward', 32)))) },
    { code: 'BOA', name: 'Bolig- og aktivitetstjenester', units: [
      ...HOUSING.map((h) => u(h, 'housing', 28)), ...ACTIVITY.map((a) => u(a, 'activity', 16))] },
    { code: 'HEL', name: 'Helsetjenester', units: [
      u('Legevakten', 'emergency', 45), u('Fysio- og ergoterapitjenesten', 'therapy', 35),
      u('Rus og psykisk helse', 'mental-health', 55), u('Tildelingskontoret', 'health-office', 20),
      u('Flyktningtjenesten', 'health-office', 25), u('Frisklivssentralen', 'therapy', 8)] },
  ],
  OPP: [
    { code: 'SKO', name: 'Skoler', units: [
      ...SCHOOLS.map((s, i) => u(`${s} skole`, 'school', 55, i < 10 ? [u(`${s} skole SFO`, 'after-school', 14)] : undefined)),
      ...LOWER_SECONDARY.map((s) => u(`${s} ungdomsskole`, 'school', 60)),
      u('Voksenopplæringen', 'adult-education', 30)] },
    { code: 'BHG', name: 'Barnehager', units: KINDERGARTENS.map((k) => u(`${k} barnehage`, 'kindergarten', 22)) },
    { code: 'BOF', name: 'Barn og familie', units: [
      u('Barneverntjenesten', 'child-welfare', 4, ['mottak og undersøkelse', 'tiltak', 'omsorg og fosterhjem']
        .map((t) => u(`Barneverntjenesten, ${t}`, 'child-welfare', 22))),
      u('Pedagogisk-psykologisk tjeneste (PPT)', 'ppt', 30), u('Helsestasjon og skolehelsetjeneste', 'health-station', 40),
      u('Familiesenteret', 'family', 20)] },
  ],
  BY: [
    { code: 'EIE', name: 'Eiendom', units: [
      u('Eiendomsforvaltning', 'property-office', 20), u('Byggdrift sone Nord', 'building-ops', 45),
      u('Byggdrift sone Sør', 'building-ops', 45), u('Renhold', 'cleaning', 160),
      u('Prosjekt og utbygging', 'property-office', 15), u('Boligkontoret', 'property-office', 12)] },
    { code: 'DRI', name: 'Bydrift', units: [
      u('Vei og trafikk', 'city-ops', 45), u('Park og grøntanlegg', 'city-ops', 35), u('Vann og avløp', 'city-ops', 55),
      u('Verksted og maskinpark', 'city-ops', 20), u('Idrettsanlegg', 'city-ops', 15)] },
    { code: 'PLB', name: 'Plan og byggesak', units: [
      u('Arealplan', 'planning', 15), u('Byplan og mobilitet', 'planning', 12), u('Byggesak', 'planning', 22),
      u('Kart og oppmåling', 'engineering', 15)] },
    { code: 'KOT', name: 'Kommunalteknikk', units: [
      u('Kommunalteknisk planlegging', 'engineering', 15), u('Miljø og landbruk', 'planning', 10)] },
  ],
  KUL: [
    { code: 'BIB', name: 'Biblioteket', units: [
      u('Hovedbiblioteket', 'library', 25), ...['Nordbyen', 'Strandvik', 'Åsen'].map((b) => u(`${b} filial`, 'library', 5))] },
    { code: 'KSK', name: 'Kulturskolen', units: ['musikk', 'dans og teater', 'visuell kunst']
      .map((f) => u(`Kulturskolen, ${f}`, 'culture-school', 18)) },
    { code: 'KOF', name: 'Kultur og fritid', units: [
      u('Idrett og friluftsliv', 'culture', 12), u('Fritid og ungdomsklubber', 'youth', 25),
      u('Kulturhuset Scenen', 'culture', 20), u('Kulturarv og museum', 'culture', 8)] },
  ],
  INT: [
    { code: 'KOM', name: 'Kommunikasjon', units: [u('Servicetorget', 'office', 15), u('Nettredaksjon', 'office', 6)] },
    { code: 'HRO', name: 'HR og organisasjon', units: [
      u('HR-rådgivning', 'office', 12), u('Lønn og personal', 'office', 15),
      u('HMS og bedriftshelsetjeneste', 'office', 8), u('Kompetanse og lederutvikling', 'office', 6)] },
    { code: 'ITD', name: 'IT og digitalisering', units: [
      u('Brukerstøtte', 'it', 18), u('Drift og infrastruktur', 'it', 18), u('Digitalisering', 'it', 12)] },
    { code: 'OKO', name: 'Økonomi', units: [
      u('Regnskap', 'office', 15), u('Budsjett og analyse', 'office', 10), u('Innfordring og skatt', 'office', 12),
      u('Innkjøp', 'office', 10)] },
    { code: 'ARK', name: 'Dokumentsenter og byarkiv', units: [u('Dokumentsenteret', 'office', 12), u('Byarkivet', 'office', 8)] },
    { code: 'POL', name: 'Politisk sekretariat', units: [] },
  ],
};

/** The whole tree, parents before children. */
export function buildOrg(): OrgUnit[] {
  const out: OrgUnit[] = [];
  for (const areaCode of Object.keys(AREAS) as AreaCode[]) {
    const area = AREAS[areaCode];
    out.push({ unitId: areaCode, name: area, areaCode, area, kind: 'area', level: 0, weight: 10 });
    for (const sector of TREE[areaCode]) {
      const sectorId = `${areaCode}-${sector.code}`;
      const leafSector = sector.units.length === 0;
      out.push({
        unitId: sectorId, name: sector.name, areaCode, area, parentUnitId: areaCode,
        kind: leafSector ? 'office' : 'sector', level: 1, weight: leafSector ? 8 : 4,
      });
      sector.units.forEach((unit, i) => {
        const unitId = `${sectorId}-${String(i + 1).padStart(2, '0')}`;
        out.push({ unitId, name: unit.name, areaCode, area, parentUnitId: sectorId, kind: unit.kind, level: 2, weight: unit.weight });
        unit.children?.forEach((ward, j) => {
          out.push({
            unitId: `${unitId}-${j + 1}`, name: ward.name, areaCode, area, parentUnitId: unitId,
            kind: ward.kind, level: 3, weight: ward.weight,
          });
        });
      });
    }
  }
  return out;
}

/** Finds a unit by its exact name (the personas' workplaces). */
export function unitNamed(units: readonly OrgUnit[], name: string): OrgUnit {
  const found = units.find((x) => x.name === name);
  if (!found) throw new Error(`demo org has no unit named ${name}`);
  return found;
}

const HEALTH_KINDS: ReadonlySet<UnitKind> = new Set(['homecare', 'institution', 'ward', 'housing', 'activity', 'emergency', 'mental-health']);
export function isCareUnit(unit: OrgUnit): boolean { return HEALTH_KINDS.has(unit.kind); }
