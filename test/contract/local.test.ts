import { localHarness } from './local-harness';
import { contractSuite } from './suite';

contractSuite(localHarness);
