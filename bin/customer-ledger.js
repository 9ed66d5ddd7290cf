#!/usr/bin/env node
// The `customer-ledger` command: the TypeScript sources run through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../src/cli/main.ts', import.meta.url).href);
