/**
 * Small pure facts about messages for drawing them: which chunk of a snapshot
 * an InstallSnapshot carries (§7, Figure 13: chunks are sent in order, each
 * `data` starting at byte `offset`), and whether an end of a message is a
 * client (§8: client k has the network address -k). No DOM, no React.
 */
import { isClientAddress } from '../../engine';

export interface ChunkInfo {
  /** 1-based number of this chunk. */
  chunk: number;
  chunks: number;
  /** Bytes the follower will hold once this chunk is in: offset + data length. */
  through: number;
  size: number;
}

/**
 * Chunk `chunk` of `chunks`. `chunkBytes` is the cluster's snapshotChunkBytes;
 * when unknown (0), every chunk but the last is as long as this one's data.
 */
export function snapshotChunk(offset: number, dataLength: number, size: number, done: boolean, chunkBytes: number): ChunkInfo {
  const per = chunkBytes > 0 ? chunkBytes : Math.max(1, dataLength);
  const chunks = Math.max(1, Math.ceil(size / per));
  const chunk = done ? chunks : Math.min(chunks, Math.floor(offset / per) + 1);
  return { chunk, chunks, through: Math.min(size, offset + dataLength), size };
}

/** Whether a message end is a simulated client rather than a server. */
export function isClientEnd(id: number): boolean {
  return isClientAddress(id);
}

/** "S3" for a server, "C2" for client 2 (address -2). */
export function endName(id: number): string {
  return id < 0 ? `C${-id}` : `S${id}`;
}
