/**
 * The project's own service taxonomy, published with the Open Referral UK export: one term per
 * kind of community hub (what its type says it offers) and one per kind of service a hub may run
 * besides (hub_service.service_type). Keys are stable; their uuids are derived from them (ids.ts).
 */
import type { HUB_TYPES } from '../vocabulary';

export type HubType = (typeof HUB_TYPES)[number];

export interface TaxonomyTermDefinition {
	readonly key: string;
	readonly name: string;
	readonly description: string;
}

export const TAXONOMY = {
	key: 'asset-atlas-service-types',
	name: 'Asset Atlas service types',
	description: 'Kinds of community services mapped by Asset Atlas in Greater Icknield: what community hubs offer and the services run at them.',
	version: '1'
} as const;

/** The service every hub of a type offers, named as a resident would look for it. */
export const HUB_TYPE_SERVICES: Readonly<Record<HubType, TaxonomyTermDefinition>> = {
	community_centre: { key: 'community_centre', name: 'Community centre activities', description: 'Drop-in space, community groups and activities open to local residents.' },
	health_centre: { key: 'health_centre', name: 'Primary health care', description: 'GP and community health services for registered patients.' },
	faith_centre: { key: 'faith_centre', name: 'Faith community', description: 'A place of worship with community activities and welfare support.' },
	school: { key: 'school', name: 'School and family services', description: 'Education for local children, with activities for parents and families.' },
	supermarket: { key: 'supermarket', name: 'Community notice point', description: 'A shop where residents gather; community notices and information.' },
	library: { key: 'library', name: 'Library and digital access', description: 'Books, free computers and internet access, help with forms and job searches.' },
	training_centre: { key: 'training_centre', name: 'Training and employment support', description: 'Training courses and help into work.' },
	other: { key: 'other', name: 'Community venue', description: 'A community venue with activities for local residents.' }
};

/** Services a hub may run besides its type's own (hub_service.service_type). */
export const SERVICE_TYPES: readonly TaxonomyTermDefinition[] = [
	{ key: 'employment_support', name: 'Employment support', description: 'Help finding work: vacancies, applications, interviews and work placements.' },
	{ key: 'language_classes', name: 'English language classes', description: 'English for speakers of other languages (ESOL), including for health professionals.' },
	{ key: 'accreditation_support', name: 'Professional accreditation support', description: 'Help for people qualified overseas to have their qualifications recognised and to register in the UK.' },
	{ key: 'enterprise_support', name: 'Social enterprise support', description: 'Start-up advice, grants, mentoring and work placements for social enterprises.' },
	{ key: 'advice', name: 'Advice and guidance', description: 'Information and advice on welfare, housing and money.' }
];

export const TAXONOMY_TERMS: readonly TaxonomyTermDefinition[] = [...Object.values(HUB_TYPE_SERVICES), ...SERVICE_TYPES];

export const SERVICE_TYPE_KEYS = SERVICE_TYPES.map((t) => t.key);

export function termByKey(key: string): TaxonomyTermDefinition | undefined {
	return TAXONOMY_TERMS.find((t) => t.key === key);
}
