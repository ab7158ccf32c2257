import { operations, type OperationRegistry } from '../../lib/contract/operations';
import { authorisationMatrix } from './support/authz-matrix';

authorisationMatrix(operations as unknown as OperationRegistry);
