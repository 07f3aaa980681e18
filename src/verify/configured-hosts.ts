import { loadConfig } from '../config/index.js';

/** The hosts `.unleak.yaml` `verify.hosts` adds for self-hosted GitHub and GitLab (`{ github: [...], gitlab: [...] }`). */
export function configuredHosts(root: string, configFile: string | undefined): Record<string, string[]> {
  const hosts = loadConfig(root, configFile).config.verify?.hosts ?? {};
  return Object.fromEntries(Object.entries(hosts).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])));
}
