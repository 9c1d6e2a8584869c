/**
 * The role crosswalk: job roles as an employer's vacancy list or a questionnaire answer names
 * them, placed in the skills taxonomy by their UK SOC 2020 unit group, with the NHS job family
 * and Agenda for Change band where they apply. The defaults below cover the roles the Midland
 * Metropolitan University Hospital's lists and the community researchers' questionnaires use
 * most; the partnership edits the table (/matching/crosswalk). SOC codes are those of
 * data/greater-icknield/skill-groups.json (ONS SOC 2020 volume 1).
 */
import { roleKey } from '../vacancies/rows';

export interface CrosswalkDefault {
	readonly role: string;
	readonly soc2020Code: string;
	readonly skillGroupId: string;
	readonly nhsJobFamily: string | null;
	readonly afcBand: string | null;
}

export const AFC_BAND = /^([1-7]|8[a-d]|9)$/;

export const DEFAULT_CROSSWALK: readonly CrosswalkDefault[] = [
	{ role: 'Staff nurse', soc2020Code: '2237', skillGroupId: 'nursing-midwifery', nhsJobFamily: 'Nursing and midwifery registered', afcBand: '5' },
	{ role: 'Nurse', soc2020Code: '2237', skillGroupId: 'nursing-midwifery', nhsJobFamily: 'Nursing and midwifery registered', afcBand: null },
	{ role: 'Midwife', soc2020Code: '2231', skillGroupId: 'nursing-midwifery', nhsJobFamily: 'Nursing and midwifery registered', afcBand: '6' },
	{ role: 'Specialty doctor', soc2020Code: '2212', skillGroupId: 'medical-clinical', nhsJobFamily: 'Medical and dental', afcBand: null },
	{ role: 'Doctor', soc2020Code: '2212', skillGroupId: 'medical-clinical', nhsJobFamily: 'Medical and dental', afcBand: null },
	{ role: 'GP', soc2020Code: '2211', skillGroupId: 'medical-clinical', nhsJobFamily: 'Medical and dental', afcBand: null },
	{ role: 'Eye surgeon', soc2020Code: '2212', skillGroupId: 'medical-clinical', nhsJobFamily: 'Medical and dental', afcBand: null },
	{ role: 'Physiotherapist', soc2020Code: '2221', skillGroupId: 'allied-health-scientific', nhsJobFamily: 'Allied health professionals', afcBand: '5' },
	{ role: 'Radiographer', soc2020Code: '2254', skillGroupId: 'allied-health-scientific', nhsJobFamily: 'Allied health professionals', afcBand: '5' },
	{ role: 'Biomedical scientist', soc2020Code: '2113', skillGroupId: 'allied-health-scientific', nhsJobFamily: 'Healthcare scientists', afcBand: '5' },
	{ role: 'Healthcare assistant', soc2020Code: '6131', skillGroupId: 'care-support', nhsJobFamily: 'Additional clinical services', afcBand: '3' },
	{ role: 'Porter', soc2020Code: '9262', skillGroupId: 'facilities', nhsJobFamily: 'Estates and ancillary', afcBand: '2' },
	{ role: 'Domestic assistant', soc2020Code: '9223', skillGroupId: 'facilities', nhsJobFamily: 'Estates and ancillary', afcBand: '2' },
	{ role: 'Catering assistant', soc2020Code: '9263', skillGroupId: 'facilities', nhsJobFamily: 'Estates and ancillary', afcBand: '2' },
	{ role: 'Ward clerk', soc2020Code: '4159', skillGroupId: 'admin-clerical', nhsJobFamily: 'Administrative and clerical', afcBand: '2' },
	{ role: 'Medical secretary', soc2020Code: '4159', skillGroupId: 'admin-clerical', nhsJobFamily: 'Administrative and clerical', afcBand: '3' },
	{ role: 'Estates electrician', soc2020Code: '5241', skillGroupId: 'construction-trades', nhsJobFamily: 'Estates and ancillary', afcBand: '4' },
	{ role: 'Patient transport driver', soc2020Code: '8239', skillGroupId: 'transport-logistics', nhsJobFamily: 'Additional clinical services', afcBand: '3' }
];

export function crosswalkKey(role: string): string {
	return roleKey(role);
}
