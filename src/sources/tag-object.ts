/** An annotated tag object: what it points at, its name, who made it and its message. */
export interface TagObject {
  /** The object tagged and its type (`commit`, `tree`, `blob` or another `tag`). */
  object: string;
  type: string;
  tag: string;
  /** Absent on old tags made without a tagger line. */
  tagger?: { name: string; email: string; date: string };
  message: string;
}

/** `git`'s `<seconds> <+hhmm>` as strict ISO 8601 in that zone, as `%aI` prints it. */
export function gitDateToIso(seconds: number, zone: string): string {
  const match = /^([+-])(\d\d)(\d\d)$/.exec(zone);
  const [sign, hours, minutes] = match ? [match[1], match[2], match[3]] : ['+', '00', '00'];
  const offset = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  const local = new Date((seconds + offset * 60) * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${local}${sign}${hours}:${minutes}`;
}

/** Parses the bytes of a tag object (`git cat-file tag`): headers, a blank line, the message. */
export function parseTagObject(content: Buffer): TagObject {
  const text = content.toString('utf8');
  const blank = text.indexOf('\n\n');
  const head = blank === -1 ? text : text.slice(0, blank);
  const tag: TagObject = { object: '', type: '', tag: '', message: blank === -1 ? '' : text.slice(blank + 2) };
  for (const line of head.split('\n')) {
    const space = line.indexOf(' ');
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    if (key === 'object') tag.object = value;
    else if (key === 'type') tag.type = value;
    else if (key === 'tag') tag.tag = value;
    else if (key === 'tagger') {
      const who = /^(.*?) ?<([^>]*)> (\d+) ([+-]\d{4})$/.exec(value);
      if (who) tag.tagger = { name: who[1] as string, email: who[2] as string, date: gitDateToIso(Number(who[3]), who[4] as string) };
    }
  }
  return tag;
}
