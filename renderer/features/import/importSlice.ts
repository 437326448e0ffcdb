import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ImportProgress, ImportSummary } from '../../../preload/contract';
import { createAppThunk } from '../../app/hooks';

export const loadImportStatus = createAppThunk('imports/status', async (_: void, { extra }) => extra.transport.invoke('import.status', {}));

/** `source`: the system the files come from, when it is not the one "local files" stands for. */
export const startImport = createAppThunk('imports/start', async (input: string[] | { paths: string[]; source?: string }, { extra, rejectWithValue }) => {
  const { paths, source } = Array.isArray(input) ? { paths: input, source: undefined } : input;
  try {
    return await extra.transport.invoke('import.start', { paths, ...(source?.trim() ? { source: source.trim() } : {}) });
  } catch (error) {
    return rejectWithValue((error as Error).message);
  }
});

export const pickAndStartImport = createAppThunk('imports/pick', async (_: void, { extra, dispatch, rejectWithValue }) => {
  try {
    const picked = await extra.transport.invoke('import.pickPaths', {});
    if (picked.supported && picked.paths.length) await dispatch(startImport(picked.paths));
    return { supported: picked.supported, started: picked.supported && picked.paths.length > 0, roots: picked.roots ?? null };
  } catch (error) {
    return rejectWithValue((error as Error).message);
  }
});

interface ImportState {
  dialogOpen: boolean;
  /** False in the browser host: the agent types a path instead of using the system dialog. */
  pickerSupported: boolean | null;
  /** The folders the browser host may import from (typed paths elsewhere are refused). */
  importRoots: string[] | null;
  running: ImportProgress | null;
  last: ImportSummary | null;
  error: string | null;
  /** Bumped after every import, so views showing cached data reload. */
  dataVersion: number;
}

const initialState: ImportState = { dialogOpen: false, pickerSupported: null, importRoots: null, running: null, last: null, error: null, dataVersion: 0 };

const slice = createSlice({
  name: 'imports',
  initialState,
  reducers: {
    importDialogOpened: (state) => {
      state.dialogOpen = true;
      state.error = null;
    },
    importDialogClosed: (state) => {
      state.dialogOpen = false;
    },
    importProgressed: (state, action: PayloadAction<ImportProgress>) => {
      state.running = action.payload;
    },
    importFinished: (state, action: PayloadAction<ImportSummary>) => {
      state.running = null;
      state.last = action.payload;
      state.dataVersion++;
    },
  },
  extraReducers: (b) => {
    b.addCase(loadImportStatus.fulfilled, (state, action) => {
      state.running = action.payload.running;
      state.last = action.payload.last;
    });
    b.addCase(startImport.pending, (state) => {
      state.error = null;
    });
    b.addCase(startImport.rejected, (state, action) => {
      state.error = action.payload ?? 'The import could not start';
    });
    b.addCase(pickAndStartImport.fulfilled, (state, action) => {
      state.pickerSupported = action.payload.supported;
      state.importRoots = action.payload.roots;
      if (action.payload.started) state.dialogOpen = true;
    });
    b.addCase(pickAndStartImport.rejected, (state, action) => {
      state.error = action.payload ?? 'The file dialog could not open';
    });
  },
});

export const { importDialogOpened, importDialogClosed, importProgressed, importFinished } = slice.actions;
export const importReducer = slice.reducer;
