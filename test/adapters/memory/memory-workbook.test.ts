// The in-memory workbook keeps the same WorkbookPort contract as the CSV and Sheets adapters (the suite in test/store).
import { MemoryWorkbook } from '../../../src/adapters/memory/memory-workbook';
import { describeWorkbookContract } from '../../store/workbook-contract';

describeWorkbookContract('MemoryWorkbook', () => {
  const workbook = new MemoryWorkbook();
  return {
    workbook,
    seed: (table, header, rows) => workbook.seed(table, header, rows),
    stored: (table) => {
      const tab = workbook.dump(table);
      return tab ? [tab.header, ...tab.rows] : [];
    },
    reopen: () => workbook.reopen(),
  };
});
