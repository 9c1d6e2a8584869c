/**
 * Questionnaire drafts on the phone (browser only): each filled form is kept in IndexedDB under
 * the id it was given when created, and sent to POST /api/responses when the server can be
 * reached. The server's rules (same id and content = no-op, changed content = 409) make the
 * sending exactly-once: a draft is removed only after the server has confirmed it (201 or 200),
 * so a lost answer is sent again and counted once.
 */
import type { Answers, ResponseSubmission } from '$lib/contracts/questionnaires';

const DB_NAME = 'atlas-questionnaires';
const STORE = 'drafts';

export interface Draft extends ResponseSubmission {
	createdAt: string;
	/** The account that filled it: only that account sends it (a response carries its researcher). */
	collectedBy: string;
	/** 'waiting' until sent; 'refused' when the server said no (kept, with its message, for the researcher). */
	state: 'waiting' | 'refused';
	problem?: string;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
	opening ??= new Promise((resolve, reject) => {
		const req = indexedDB.open(DB_NAME, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => {
			opening = null;
			reject(req.error);
		};
	});
	return opening;
}

async function store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
	return (await open()).transaction(STORE, mode).objectStore(STORE);
}

export async function saveDraft(collectedBy: string, questionnaireVersion: number, answers: Answers, id: string = crypto.randomUUID()): Promise<Draft> {
	const draft: Draft = { id, questionnaireVersion, answers, collectedBy, createdAt: new Date().toISOString(), state: 'waiting' };
	await request((await store('readwrite')).put(draft));
	return draft;
}

export async function listDrafts(): Promise<Draft[]> {
	const all = await request((await store('readonly')).getAll());
	return (all as Draft[]).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

async function remove(id: string): Promise<void> {
	await request((await store('readwrite')).delete(id));
}

async function markRefused(draft: Draft, problem: string): Promise<void> {
	await request((await store('readwrite')).put({ ...draft, state: 'refused', problem }));
}

export interface SyncResult {
	sent: number;
	refused: number;
	/** True when the server could not be reached (or asked to retry): the rest wait for the next try. */
	offline: boolean;
}

let syncing: Promise<SyncResult> | null = null;

/** Sends every waiting draft the signed-in account filled, oldest first; one run at a time in this page. */
export function syncDrafts(signedIn: string): Promise<SyncResult> {
	syncing ??= runSync(signedIn).finally(() => (syncing = null));
	return syncing;
}

async function runSync(signedIn: string): Promise<SyncResult> {
	const result: SyncResult = { sent: 0, refused: 0, offline: false };
	for (const draft of await listDrafts()) {
		if (draft.state !== 'waiting' || draft.collectedBy !== signedIn) continue;
		let response: Response;
		try {
			response = await fetch('/api/responses', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ id: draft.id, questionnaireVersion: draft.questionnaireVersion, answers: draft.answers } satisfies ResponseSubmission),
				cache: 'no-store'
			});
		} catch {
			result.offline = true;
			break;
		}
		if (response.status === 201 || response.status === 200) {
			await remove(draft.id);
			result.sent++;
		} else if (response.status === 409 || response.status === 422 || response.status === 400) {
			const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
			await markRefused(draft, body?.error?.message ?? `refused (${response.status})`);
			result.refused++;
		} else {
			// 401 (signed out), 503 (database restarting), 5xx: keep it and try later.
			result.offline = true;
			break;
		}
	}
	return result;
}
