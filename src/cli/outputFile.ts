// Writing a file the CLI produces without ever losing the one it replaces: a write onto one of the run's own
// inputs is refused before anything is read (the same file under another name, a symlink or a hard link
// included), and the new content goes to a temporary file in the same folder that is renamed over the
// target only once it is complete, so an error part-way leaves the previous file as it was.
import { closeSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputError, UsageError } from './errors';

export interface NamedPath {
  /** The flag that named the file, e.g. "--input". */
  flag: string;
  path: string;
}

/** Refuses when `output` is the same file as any of the inputs (real path, or device and inode). */
export function refuseOverwritingInputs(output: NamedPath, inputs: readonly (NamedPath | undefined)[]): void {
  const target = identity(output.path);
  for (const input of inputs) {
    if (input === undefined) continue;
    const source = identity(input.path);
    const same =
      (target.realPath !== undefined && target.realPath === source.realPath) ||
      (target.inode !== undefined && target.inode === source.inode);
    if (same)
      throw new UsageError([
        `${output.flag} ${output.path} is the same file as ${input.flag} ${input.path}: writing it would destroy the ${input.flag.replace(/^--/, '')} it reads. Choose another file for ${output.flag}.`,
      ]);
  }
}

function identity(path: string): { realPath?: string; inode?: string } {
  let realPath: string | undefined;
  try {
    realPath = realpathSync(path);
  } catch {
    // Not there yet: the real path of its folder and its name still tell it apart.
    try {
      realPath = join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      realPath = resolve(path);
    }
  }
  try {
    const stat = statSync(path);
    return { realPath, inode: `${stat.dev}:${stat.ino}` };
  } catch {
    return { realPath };
  }
}

/**
 * A file being written: `write` appends, `commit` renames it over the target, `discard` removes it. Targets
 * that are not regular files (a terminal, /dev/stdout, a named pipe) are written directly: they cannot be
 * renamed over and hold nothing to lose.
 */
export interface PendingFile {
  readonly fd: number;
  commit(): void;
  discard(): void;
}

export function beginFile(path: string): PendingFile {
  let existing: ReturnType<typeof statSync> | undefined;
  try {
    existing = statSync(path);
  } catch {
    existing = undefined;
  }
  if (existing?.isDirectory()) throw new OutputError(`${path}: cannot write the output (it is a folder)`);
  if (existing && !existing.isFile()) {
    const fd = openOrFail(path, 'w');
    return { fd, commit: () => closeSync(fd), discard: () => closeSync(fd) };
  }
  // The rename replaces a symlink itself; write through it to the file it points to instead.
  let target = path;
  try {
    target = realpathSync(path);
  } catch {
    target = path;
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.partial`);
  const fd = openOrFail(temporary, 'wx', path, existing?.mode);
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    fd,
    commit() {
      close();
      try {
        renameSync(temporary, target);
      } catch (error) {
        removeQuietly(temporary);
        throw new OutputError(`${path}: cannot write the output (${describeWriteError(error)})`);
      }
    },
    discard() {
      close();
      removeQuietly(temporary);
    },
  };
}

/** Writes a whole text file safely (temporary file, then rename). */
export function writeFileSafely(path: string, text: string): void {
  const file = beginFile(path);
  try {
    const bytes = Buffer.from(text, 'utf8');
    let at = 0;
    while (at < bytes.length) at += writeSync(file.fd, bytes, at, bytes.length - at);
  } catch (error) {
    file.discard();
    throw new OutputError(`${path}: cannot write the output (${describeWriteError(error)})`);
  }
  file.commit();
}

function openOrFail(path: string, flags: string, shownPath = path, mode?: number): number {
  try {
    return openSync(path, flags, mode === undefined ? 0o666 : mode & 0o777);
  } catch (error) {
    throw new OutputError(`${shownPath}: cannot write the output (${describeWriteError(error)})`);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

export function describeWriteError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'no permission to write there';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return e.message;
  }
}
