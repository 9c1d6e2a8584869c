/**
 * Issue 16.1: PGlite is single-process, so the embedded folder is locked by whoever opens it. A
 * command run against a folder the app holds is refused at once and writes nothing; the holder's
 * data is intact; once the holder is gone the same command succeeds; a lock left by a dead
 * process is taken over.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/index';
import { DatabaseFolderBusyError, lockDatabaseFolder, lockPathOf } from '../../src/lib/server/db/folder-lock';

const onPglite = inject('testDatabase').backend === 'pglite';
// node --import tsx runs the script in this very process (the tsx binary would start a child).
const TSX_NODE = ['--import', 'tsx'];
const FIXTURE = path.resolve('tests/fixtures/imports/macro-assets-good.geojson');

interface Finished {
	status: number | null;
	stdout: string;
	stderr: string;
	milliseconds: number;
}

function runCommand(args: string[], env: NodeJS.ProcessEnv): Promise<Finished> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [...TSX_NODE, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (status) => resolve({ status, stdout, stderr, milliseconds: Date.now() - started }));
	});
}

describe.runIf(onPglite)('the embedded database folder is held by one process', () => {
	let workDir: string;
	beforeAll(async () => {
		workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'atlas-lock-'));
	});
	afterAll(async () => {
		await fs.rm(workDir, { recursive: true, force: true });
	});

	// Creates PostGIS in a new folder in a second process, runs two imports through tsx: a minute
	// idle on 2 cores, several on a loaded machine.
	it('refuses an import while another process holds it, loses nothing, and imports once it is free', { timeout: 600_000 }, async () => {
		const dataDir = path.join(workDir, 'app-db');
		const env = { PGLITE_DATA_DIR: dataDir, DATABASE_URL: '', SEED_ON_EMPTY: 'false' };
		const holder = spawn(process.execPath, [...TSX_NODE, 'tests/db/processes/hold-database.ts'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
		const lines = readline.createInterface({ input: holder.stdout });
		const nextLine = () => new Promise<string>((resolve, reject) => {
			lines.once('line', resolve);
			holder.once('exit', (code) => reject(new Error(`the holder exited (${code})`)));
		});
		try {
			const ready = await nextLine();
			expect(ready).toBe(`READY ${holder.pid}`);

			const refused = await runCommand(['scripts/import.ts', 'macro-assets', FIXTURE, '--place', 'lock-test'], env);
			expect(refused.status).toBe(1);
			expect(refused.stderr).toContain(`open in another process (pid ${holder.pid}`);
			expect(refused.stderr).toMatch(/Stop that process first/);
			expect(refused.stdout).not.toMatch(/inserted/);

			// The holder's connection still works after the refused command.
			holder.stdin.write('skill written-by-holder\n');
			expect(await nextLine()).toBe('OK');
		} finally {
			holder.stdin.end();
			await new Promise((resolve) => holder.once('close', resolve));
		}
		expect(holder.exitCode).toBe(0);
		await expect(fs.stat(lockPathOf(dataDir))).rejects.toThrow(/ENOENT/);

		const imported = await runCommand(['scripts/import.ts', 'macro-assets', FIXTURE, '--place', 'lock-test'], env);
		expect(imported.stderr).toBe('');
		expect(imported.status).toBe(0);
		const inserted = Number(/(\d+) inserted/.exec(imported.stdout)?.[1]);
		expect(inserted).toBeGreaterThan(0);

		const reopened = await openDatabase({ pgliteDataDir: dataDir });
		try {
			const sites = await reopened.db.selectFrom('macro_asset').select('id').where('place_id', '=', 'lock-test').execute();
			expect(sites).toHaveLength(inserted);
			// Found through the primary-key index and by a full scan alike: the index is not corrupt.
			for (const { id } of sites) {
				expect(await reopened.db.selectFrom('macro_asset').select('id').where('id', '=', id).executeTakeFirst()).toEqual({ id });
			}
			const skill = await reopened.db.selectFrom('skill_group').select('name').where('id', '=', 'written-by-holder').executeTakeFirst();
			expect(skill).toEqual({ name: 'Written by the holder: written-by-holder' });
		} finally {
			await reopened.close();
		}
	});

	it('refuses a second opener in the same process, and names the holder', async () => {
		const folder = path.join(workDir, 'twice');
		const lock = await lockDatabaseFolder(folder);
		try {
			const second = await lockDatabaseFolder(folder).catch((err: unknown) => err);
			expect(second).toBeInstanceOf(DatabaseFolderBusyError);
			expect((second as DatabaseFolderBusyError).holder.pid).toBe(process.pid);
		} finally {
			await lock.release();
		}
		// Released: it can be taken again.
		await (await lockDatabaseFolder(folder)).release();
	});

	it('takes over a lock left by a process that is gone', async () => {
		const folder = path.join(workDir, 'stale');
		const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
		const deadPid = Number(gone.stdout.trim());
		await fs.writeFile(lockPathOf(folder), JSON.stringify({ pid: deadPid, hostname: os.hostname(), command: 'npm run start', since: '2026-01-01T00:00:00.000Z' }));
		const lock = await lockDatabaseFolder(folder);
		expect(JSON.parse(await fs.readFile(lockPathOf(folder), 'utf8'))).toMatchObject({ pid: process.pid });
		await lock.release();
		await expect(fs.stat(lockPathOf(folder))).rejects.toThrow(/ENOENT/);
	});
});
