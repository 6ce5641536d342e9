/**
 * Every command omnibot has. Each entry's module holds only the commander definition; its
 * handler is imported when the command runs.
 */
import type { Command } from 'commander';
import { initCommand } from './init/index.js';
import { planCommand } from './plan/index.js';
import { applyCommand } from './apply/index.js';
import { stepsCommand } from './steps/index.js';
import { verifyCommand } from './verify/index.js';
import { eventsCommand } from './events/index.js';
import { sendCommand } from './send/index.js';
import { listenCommand } from './listen/index.js';
import { tailCommand } from './tail/index.js';
import { replayCommand } from './replay/index.js';
import { captureCommand } from './capture/index.js';
import { sandboxCommand } from './sandbox/index.js';
import { demoCommand } from './demo/index.js';
import { tokenCommand } from './token/index.js';
import { schemaCommand } from './schema/index.js';
import { billmanagerCommand } from './billmanager/index.js';
import { chaportCommand } from './chaport/index.js';

export function registerCommands(program: Command): void {
  for (const make of [
    initCommand,
    planCommand,
    applyCommand,
    stepsCommand,
    verifyCommand,
    eventsCommand,
    sendCommand,
    listenCommand,
    tailCommand,
    replayCommand,
    captureCommand,
    sandboxCommand,
    demoCommand,
    tokenCommand,
    schemaCommand,
    billmanagerCommand,
    chaportCommand,
  ]) {
    program.addCommand(make());
  }
}
