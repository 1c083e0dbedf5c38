/**
 * LockService. A lock is held by an execution and released when it ends; tests simulate another
 * user holding the document lock. Nothing waits in real time: a lock held elsewhere makes
 * tryLock return false and waitLock throw at once.
 * https://developers.google.com/apps-script/reference/lock/lock
 */
import { type LockScope, type Runtime, SCRIPT_TYPE, ScriptException, ScriptObject } from './runtime.js';

export class Lock extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'Lock';
  }

  private acquired = false;

  constructor(
    private readonly runtime: Runtime,
    private readonly scope: LockScope,
  ) {
    super();
  }

  private heldByThisExecution(): boolean {
    return this.runtime.execution?.heldLocks.has(this.scope) ?? false;
  }

  /** Returns false when another user holds the lock (the timeout is not waited for). */
  tryLock(_timeoutInMillis: number): boolean {
    if (this.runtime.locksHeldElsewhere.has(this.scope)) return false;
    this.runtime.execution?.heldLocks.add(this.scope);
    this.acquired = true;
    return true;
  }

  /** Throws Google's timeout error when another user holds the lock. */
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) {
      throw new ScriptException('Lock timeout: another process was holding the lock for too long.');
    }
  }

  releaseLock(): void {
    if (this.acquired) this.runtime.execution?.heldLocks.delete(this.scope);
    this.acquired = false;
  }

  /** True after tryLock/waitLock succeeded and until releaseLock or the end of the execution. */
  hasLock(): boolean {
    return this.acquired && (this.runtime.execution === null || this.heldByThisExecution());
  }
}

export class LockServiceImpl extends ScriptObject {
  get [SCRIPT_TYPE]() {
    return 'LockService';
  }

  constructor(private readonly runtime: Runtime) {
    super();
  }

  getDocumentLock(): Lock {
    return new Lock(this.runtime, 'document');
  }
  getScriptLock(): Lock {
    return new Lock(this.runtime, 'script');
  }
  getUserLock(): Lock {
    return new Lock(this.runtime, 'user');
  }
}
