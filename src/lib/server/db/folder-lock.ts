/**
 * One process at a time for an embedded database folder. PGlite is PostgreSQL in a single process
 * with no shared memory between processes: two of them on one folder each write their own WAL and
 * catalogue over the other's (seen: an import that said "2 inserted" and was gone after the app
 * stopped, then a duplicate key no SELECT could find). So whoever opens a folder first holds a lock
 * file beside it (`<folder>.lock`, created with O_EXCL so two openers cannot both win), naming its
 * pid, its command and when it started; everyone else is refused at once with what to do.
 *
 * A lock whose process is gone (killed, crashed, the machine restarted) is stale: it is detected by
 * the pid no longer running — or running but started at another time, since pids are reused — and
 * taken over. The lock is removed on close and, as a last resort, when the process exits.
 */
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface LockHolder {
	readonly pid: number;
	readonly hostname: string;
	readonly command: string;
	readonly since: string;
	/** The process's start time as the kernel counts it (Linux /proc), to tell a reused pid apart. */
	readonly processStart?: string;
}

/** Thrown when another live process holds the folder; its message says who and what to do. */
export class DatabaseFolderBusyError extends Error {
	override name = 'DatabaseFolderBusyError';
	constructor(
		readonly folder: string,
		readonly holder: LockHolder
	) {
		super(
			`The embedded database in ${folder} is open in another process (pid ${holder.pid}: ${holder.command}, since ${holder.since}). ` +
				'PGlite can be used by one process at a time, and two on one folder lose data. ' +
				'Stop that process first (for the app: Ctrl+C where npm start runs), then run this again; ' +
				'or run the app and the commands against a PostgreSQL server (DATABASE_URL).'
		);
	}
}

export interface FolderLock {
	readonly path: string;
	release(): Promise<void>;
}

export function lockPathOf(folder: string): string {
	return `${path.resolve(folder).replace(/[/\\]+$/, '')}.lock`;
}

/** Takes the folder's lock or throws DatabaseFolderBusyError; a stale lock is taken over. */
export async function lockDatabaseFolder(folder: string): Promise<FolderLock> {
	const lockPath = lockPathOf(folder);
	await fs.mkdir(path.dirname(lockPath), { recursive: true });
	const me: LockHolder = {
		pid: process.pid,
		hostname: os.hostname(),
		command: describeCommand(),
		since: new Date().toISOString(),
		processStart: processStartOf(process.pid)
	};
	// Two rounds: the second follows the removal of a stale lock. If another process removed it and
	// took it first, our exclusive create fails again and we read a live holder.
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			await fs.writeFile(lockPath, JSON.stringify(me), { flag: 'wx' });
			return holdLock(lockPath);
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
		}
		const holder = await readHolder(lockPath);
		if (holder && isAlive(holder)) throw new DatabaseFolderBusyError(path.resolve(folder), holder);
		await removeIfUnchanged(lockPath, holder);
	}
	const holder = await readHolder(lockPath);
	throw new DatabaseFolderBusyError(path.resolve(folder), holder ?? { pid: 0, hostname: '?', command: 'unknown', since: 'unknown' });
}

function holdLock(lockPath: string): FolderLock {
	let held = true;
	// If the process ends without closing the database (an uncaught error, process.exit), the lock
	// must not outlive it; 'exit' handlers may only do synchronous work.
	const onExit = () => {
		if (held) removeOwnSync(lockPath);
	};
	process.once('exit', onExit);
	return {
		path: lockPath,
		async release() {
			if (!held) return;
			held = false;
			process.removeListener('exit', onExit);
			removeOwnSync(lockPath);
		}
	};
}

/** Removes the lock only if it is still this process's (never another's that took over a stale one). */
function removeOwnSync(lockPath: string): void {
	try {
		const holder = JSON.parse(fsSync.readFileSync(lockPath, 'utf8')) as LockHolder;
		if (holder.pid === process.pid && holder.hostname === os.hostname()) fsSync.unlinkSync(lockPath);
	} catch {
		// already gone, or unreadable: nothing of ours to remove
	}
}

async function readHolder(lockPath: string): Promise<LockHolder | null> {
	try {
		const parsed = JSON.parse(await fs.readFile(lockPath, 'utf8')) as Partial<LockHolder>;
		if (typeof parsed.pid !== 'number' || typeof parsed.hostname !== 'string') return null;
		return { command: 'unknown', since: 'unknown', ...parsed } as LockHolder;
	} catch {
		// Gone meanwhile, or half-written by a process killed while writing it: not a live holder.
		return null;
	}
}

/** Whether the lock's process still runs. A lock from another machine (a shared folder) is trusted. */
function isAlive(holder: LockHolder): boolean {
	if (holder.hostname !== os.hostname()) return true;
	if (holder.pid === process.pid) return true; // this process opened the folder twice: also refused
	try {
		process.kill(holder.pid, 0);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
	}
	const start = processStartOf(holder.pid);
	return !(holder.processStart && start && start !== holder.processStart);
}

async function removeIfUnchanged(lockPath: string, seen: LockHolder | null): Promise<void> {
	const now = await readHolder(lockPath);
	if (now && seen && (now.pid !== seen.pid || now.since !== seen.since)) return; // someone newer holds it
	await fs.rm(lockPath, { force: true });
}

/** Field 22 of /proc/<pid>/stat: start time in clock ticks since boot; undefined off Linux. */
function processStartOf(pid: number): string | undefined {
	try {
		const stat = fsSync.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) is in parentheses and may contain spaces: count after it.
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

function describeCommand(): string {
	const script = process.argv.slice(1, 4).map((arg) => path.basename(arg));
	const npm = process.env.npm_lifecycle_event;
	return npm ? `npm run ${npm}` : script.join(' ') || 'node';
}
