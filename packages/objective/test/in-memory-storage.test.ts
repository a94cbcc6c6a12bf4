import { InMemoryStorage } from '../src/storages/in-memory-storage.js';
import { testStorage } from './support/storage-contract.js';

testStorage('InMemoryStorage', (options) => new InMemoryStorage(options));
