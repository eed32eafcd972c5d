/** Entry point of the local DealPOS stand-in used by tests and the app's demo mode. */
export {
  startDealposSimulator,
  type DealposSimulator,
  type DealposSimulatorOptions,
  type RecordedRequest,
  type SimulatorTokenStyle,
} from './simulator.ts';
export { SimulatorFaults, type SimulatorEndpoint, type SimulatorFault } from './faults.ts';
export type { SimulatorDocumentKind } from './seed-data.ts';
