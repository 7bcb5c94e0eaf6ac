/**
 * Reads the commands a MongoDB client sends from the raw bytes of its connection
 * (MongoDB's wire protocol: OP_MSG, and OP_QUERY for the first handshake).
 * A command is a BSON document whose first key is its name (`find`, `insert`, …)
 * and, for collection commands, whose first value is the collection's name.
 */

export type WireCommand = { name: string; collection: string | null };

const HEADER_BYTES = 16;
const OP_QUERY = 2004;
const OP_COMPRESSED = 2012;
const OP_MSG = 2013;
const BSON_STRING = 0x02;
const SECTION_BODY = 0;

function cstringEnd(buffer: Buffer, start: number): number {
  const end = buffer.indexOf(0, start);
  if (end < 0) throw new Error('unterminated C string in a wire message');

  return end;
}

/** The first element of the BSON document at `offset`: its key, and its value if a string. */
function firstElement(buffer: Buffer, offset: number): WireCommand {
  const type = buffer.readUInt8(offset + 4);
  const keyStart = offset + 5;
  const keyEnd = cstringEnd(buffer, keyStart);
  const name = buffer.toString('utf8', keyStart, keyEnd);
  if (type !== BSON_STRING) return { name, collection: null };

  const length = buffer.readInt32LE(keyEnd + 1);
  const valueStart = keyEnd + 5;

  return { name, collection: buffer.toString('utf8', valueStart, valueStart + length - 1) };
}

function commandOfMessage(message: Buffer): WireCommand {
  const opCode = message.readInt32LE(12);

  if (opCode === OP_MSG) {
    // After the flag bits, sections follow; the body section (kind 0) holds the command.
    let offset = HEADER_BYTES + 4;
    while (offset < message.length) {
      const kind = message.readUInt8(offset);
      if (kind === SECTION_BODY) return firstElement(message, offset + 1);

      offset += 1 + message.readInt32LE(offset + 1);
    }
    throw new Error('OP_MSG without a body section');
  }

  if (opCode === OP_QUERY) {
    // flags, the namespace, skip and limit, then the query document.
    const namespaceEnd = cstringEnd(message, HEADER_BYTES + 4);

    return firstElement(message, namespaceEnd + 1 + 8);
  }

  return { name: opCode === OP_COMPRESSED ? '(compressed)' : `(opcode ${opCode})`, collection: null };
}

/** Feeds on a client's byte stream in any chunks and calls `onCommand` for each whole message. */
export function createWireCommandReader(onCommand: (command: WireCommand) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);

  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);

    while (pending.length >= 4) {
      const length = pending.readInt32LE(0);
      if (pending.length < length) return;

      onCommand(commandOfMessage(pending.subarray(0, length)));
      pending = pending.subarray(length);
    }
  };
}
