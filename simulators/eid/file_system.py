"""The card's ISO 7816 file tree (MF, DFs, transparent EFs) and the current selection."""

from __future__ import annotations

from dataclasses import dataclass, field

from simulators.eid.status_words import CardStatusError, StatusWord, wrong_le

MF_ID = 0x3F00


@dataclass(slots=True)
class ElementaryFile:
    file_id: int
    content: bytes


@dataclass(slots=True)
class DedicatedFile:
    file_id: int
    name: bytes | None = None  # the AID a SELECT by name finds it under
    children: dict[int, ElementaryFile | DedicatedFile] = field(default_factory=dict)
    parent: DedicatedFile | None = field(default=None, repr=False)

    def add(self, child: ElementaryFile | DedicatedFile) -> None:
        if isinstance(child, DedicatedFile):
            child.parent = self
        self.children[child.file_id] = child

    def walk(self) -> list[DedicatedFile]:
        found = [self]
        for child in self.children.values():
            if isinstance(child, DedicatedFile):
                found.extend(child.walk())
        return found


class FileSystem:
    """Selection state over a file tree; reset on every power-up."""

    def __init__(self, master_file: DedicatedFile) -> None:
        self.master_file = master_file
        self.current_df = master_file
        self.current_ef: ElementaryFile | None = None

    def reset(self) -> None:
        self.current_df = self.master_file
        self.current_ef = None

    def select_file_id(self, file_id: int) -> None:
        """P1 = 00/02: a child of the current DF, its parent, or the MF."""
        if file_id == MF_ID:
            self._select(self.master_file)
            return
        candidates = [self.current_df]
        if self.current_df.parent is not None:
            candidates.append(self.current_df.parent)
        for df in candidates:
            if df.file_id == file_id:
                self._select(df)
                return
            child = df.children.get(file_id)
            if child is not None:
                self._select(child)
                return
        raise CardStatusError(StatusWord.FILE_NOT_FOUND)

    def select_path(self, path: bytes) -> None:
        """P1 = 08: a path from the MF; a leading 3F00 is accepted as the real applet does."""
        if not path or len(path) % 2:
            raise CardStatusError(StatusWord.WRONG_LENGTH)
        ids = [int.from_bytes(path[i : i + 2], "big") for i in range(0, len(path), 2)]
        if ids[0] == MF_ID:
            ids = ids[1:]
        node: ElementaryFile | DedicatedFile = self.master_file
        for file_id in ids:
            if not isinstance(node, DedicatedFile) or file_id not in node.children:
                raise CardStatusError(StatusWord.FILE_NOT_FOUND)
            node = node.children[file_id]
        self._select(node)

    def select_name(self, name: bytes) -> DedicatedFile:
        """P1 = 04: a DF by its AID."""
        for df in self.master_file.walk():
            if df.name is not None and df.name == name:
                self._select(df)
                return df
        raise CardStatusError(StatusWord.FILE_NOT_FOUND)

    def read_binary(self, offset: int, le: int) -> bytes:
        if self.current_ef is None:
            raise CardStatusError(StatusWord.COMMAND_NOT_ALLOWED_NO_CURRENT_EF)
        content = self.current_ef.content
        if offset >= len(content):
            raise CardStatusError(StatusWord.WRONG_PARAMETERS_OFFSET)
        available = len(content) - offset
        if le > available:
            raise CardStatusError(wrong_le(available))
        return content[offset : offset + le]

    def _select(self, node: ElementaryFile | DedicatedFile) -> None:
        if isinstance(node, DedicatedFile):
            self.current_df, self.current_ef = node, None
        else:
            self.current_ef = node
            # The EF's DF becomes current, so a following SELECT by id finds its siblings.
            for df in self.master_file.walk():
                if df.children.get(node.file_id) is node:
                    self.current_df = df
                    break
