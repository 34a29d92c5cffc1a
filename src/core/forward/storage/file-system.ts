/**
 * The file-system calls the journal and the dead-letter file make, in one place: the forwarder runs on
 * Node's, and a test hands it one that fails the way a disk does (EACCES, EROFS, ENOSPC, EIO).
 */
import * as fs from 'node:fs';

export interface FileSystem {
  openSync(path: string, flags: string): number;
  closeSync(fd: number): void;
  /** Returns the bytes written, which may be fewer than asked (a full disk). */
  writeSync(fd: number, text: string): number;
  readSync(fd: number, buffer: Buffer, offset: number, length: number, position: number | null): number;
  fstatSync(fd: number): { size: number };
  fsyncSync(fd: number): void;
  ftruncateSync(fd: number, length: number): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: true }): void;
  existsSync(path: string): boolean;
}

export const nodeFileSystem: FileSystem = {
  openSync: (path, flags) => fs.openSync(path, flags),
  closeSync: (fd) => fs.closeSync(fd),
  writeSync: (fd, text) => fs.writeSync(fd, text),
  readSync: (fd, buffer, offset, length, position) => fs.readSync(fd, buffer, offset, length, position),
  fstatSync: (fd) => fs.fstatSync(fd),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  ftruncateSync: (fd, length) => fs.ftruncateSync(fd, length),
  mkdirSync: (path, options) => fs.mkdirSync(path, options),
  renameSync: (from, to) => fs.renameSync(from, to),
  rmSync: (path, options) => fs.rmSync(path, options),
  existsSync: (path) => fs.existsSync(path),
};
