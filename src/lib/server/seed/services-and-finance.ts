/**
 * Demo rows for issue 15 (parts 5 and 6): services run at community hubs besides what their type
 * implies (published as Open Referral UK), and illustrative community-finance awards so that the
 * finance page shows something. Every award is labelled illustrative in its note; the amounts are
 * drawn from a seeded generator around the real hubs, not real grants.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { DemoData } from './demo-data';
import { insertHubServices, type NewHubService } from '../openreferral/queries';
import { uuidV5 } from '../openreferral/ids';
import { insertAwards, type NewAward } from '../finance/queries';
import type { FinanceKind, RecipientType } from '../../domain/finance/publish';

const SERVICES: readonly Omit<NewHubService, 'id'>[] = [
	{ hubId: 'the-learning-works', name: 'The Learning Works employment shop', serviceType: 'employment_support', description: 'One-stop training and employment shop of the Sandwell and West Birmingham NHS Trust: NHS vacancies, help with applications and interviews, work placements at the Midland Metropolitan University Hospital.', minimumAge: 16 },
	{ hubId: 'the-learning-works', name: 'Help with professional accreditation for overseas-qualified health workers', serviceType: 'accreditation_support', description: 'Guidance for doctors, nurses, midwives and other health professionals qualified overseas: English tests, registration with the GMC or NMC, clinical placements.', minimumAge: 18 },
	{ hubId: 'the-learning-works', name: 'English for health professionals', serviceType: 'language_classes', description: 'English language classes (ESOL) aimed at the OET and IELTS tests that UK health registration asks for.', minimumAge: 18 },
	{ hubId: 'african-millennium-centre', name: 'English conversation classes', serviceType: 'language_classes', description: 'Free ESOL conversation classes for adults, entry level to level 1.', minimumAge: 16 },
	{ hubId: 'smethwick-library', name: 'Job club', serviceType: 'employment_support', description: 'Weekly job club: CVs, online applications and free computers.', minimumAge: 16 },
	{ hubId: 'soho-house', name: 'Social enterprise start-up surgery', serviceType: 'enterprise_support', description: 'Advice for residents starting a social enterprise: the £500 start-up grant, the annual challenge prize, mentors and work placements.', minimumAge: 16 }
];

/** mulberry32: small and seedable, so the demo awards are the same on every machine. */
function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FUNDERS: readonly { source: string; kind: FinanceKind; recipients: RecipientType[]; min: number; max: number }[] = [
	{ source: 'National Lottery Community Fund', kind: 'grant', recipients: ['community_group', 'charity'], min: 2000, max: 60000 },
	{ source: 'USE-IT! start-up grant', kind: 'grant', recipients: ['social_enterprise', 'individual'], min: 500, max: 500 },
	{ source: 'USE-IT! challenge prize', kind: 'prize', recipients: ['social_enterprise'], min: 3000, max: 3000 },
	{ source: 'Big Issue Invest', kind: 'loan', recipients: ['social_enterprise', 'business'], min: 10000, max: 150000 },
	{ source: 'Community share offer', kind: 'community_share', recipients: ['community_group', 'social_enterprise'], min: 5000, max: 80000 },
	{ source: 'Birmingham City Council ward fund', kind: 'grant', recipients: ['community_group', 'public_body'], min: 1000, max: 20000 },
	{ source: 'Heritage Fund', kind: 'grant', recipients: ['charity'], min: 10000, max: 250000 }
];

function demoAwards(data: DemoData): NewAward[] {
	const random = seeded(15);
	const awards: NewAward[] = [];
	for (let n = 0; n < 90; n++) {
		const funder = FUNDERS[Math.floor(random() * FUNDERS.length)]!;
		const recipientType = funder.recipients[Math.floor(random() * funder.recipients.length)]!;
		const hub = data.hubs[Math.floor(random() * data.hubs.length)]!;
		const [lon, lat] = hub.geom.coordinates as [number, number];
		const amount = funder.min === funder.max ? funder.min : Math.round((funder.min + random() * (funder.max - funder.min)) / 50) * 50;
		const year = 2016 + Math.floor(random() * 10);
		const month = 1 + Math.floor(random() * 12);
		awards.push({
			id: uuidV5(`demo-finance:${n}`),
			placeId: data.place.id,
			source: funder.source,
			amountGbp: amount,
			kind: funder.kind,
			recipientType,
			receivedOn: `${year}-${String(month).padStart(2, '0')}-15`,
			// Within ~300 m of a hub, so every award lies inside the place.
			lon: Number((lon + (random() - 0.5) * 0.006).toFixed(5)),
			lat: Number((lat + (random() - 0.5) * 0.004).toFixed(5)),
			macroAssetId: null,
			note: 'Illustrative demo award, not a real grant.',
			createdBy: null
		});
	}
	return awards;
}

/** Loads the demo services and awards into the freshly loaded place (inside the seed's transaction). */
export async function seedServicesAndFinance(db: Kysely<Database>, data: DemoData): Promise<void> {
	await insertHubServices(db, SERVICES.map((s) => ({ ...s, id: uuidV5(`demo-service:${s.hubId}:${s.name}`) })));
	await insertAwards(db, demoAwards(data));
}
