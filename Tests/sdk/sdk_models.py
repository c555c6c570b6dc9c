"""Reads the official Tea SDK models (alibabacloud-vpc20160428, alibabacloud-cbn20170912) as schemas.

A Tea model class names its wire keys in `to_map` (`result['WireKey'] = self.attribute`) and its
types in the annotations of `__init__`. `schema(cls)` turns that into a tree the checks below walk,
so every response is judged by the SDK's own description of it, not by a copy written here.
"""
from __future__ import annotations

import inspect
import re
import typing

_WIRE_KEY = re.compile(r"if self\.(\w+) is not None:\s*\n(?:.*\n)*?\s*result\['([^']+)'\]")
_ASSIGN = re.compile(r"result\['([^']+)'\]\s*=\s*self\.(\w+)|result\['([^']+)'\]\.append|result\['([^']+)'\]\s*=\s*\[\]")


def _wire_keys(cls) -> dict[str, str]:
    """attribute name -> wire key, read from the model's own to_map."""
    source = inspect.getsource(cls.to_map)
    keys: dict[str, str] = {}
    current = None
    for line in source.splitlines():
        match = re.match(r"\s*if self\.(\w+) is not None:", line)
        if match:
            current = match.group(1)
            continue
        match = re.search(r"result\['([^']+)'\]", line)
        if match and current is not None and current not in keys:
            keys[current] = match.group(1)
    return keys


def _annotations(cls) -> dict[str, object]:
    module = inspect.getmodule(cls)
    namespace = dict(vars(module))
    try:
        hints = typing.get_type_hints(cls.__init__, globalns=namespace)
    except Exception:  # a lazily imported model module: resolve through the package's models
        import importlib
        package = importlib.import_module(cls.__module__.rsplit(".", 1)[0])
        namespace["main_models"] = package
        hints = typing.get_type_hints(cls.__init__, globalns=namespace)
    hints.pop("return", None)
    return hints


class Field:
    """One documented key: its Python type ('str', 'int', 'bool', 'float', 'any'), a model, or a list/dict of either."""

    def __init__(self, kind: str, element=None):
        self.kind = kind          # 'scalar' | 'model' | 'list' | 'map'
        self.element = element    # scalar type name, a model schema, or a Field for lists/maps

    def __repr__(self):
        return f"Field({self.kind}, {self.element!r})"


_SCHEMAS: dict[type, dict[str, Field]] = {}


def _field(hint) -> Field:
    origin = typing.get_origin(hint)
    if origin in (list, typing.List):
        (inner,) = typing.get_args(hint)
        return Field("list", _field(inner))
    if origin in (dict, typing.Dict):
        args = typing.get_args(hint)
        return Field("map", _field(args[1]) if len(args) == 2 else Field("scalar", "any"))
    if hint in (str, int, bool, float):
        return Field("scalar", hint.__name__)
    if inspect.isclass(hint) and hasattr(hint, "to_map") and hint.__module__.startswith("alibabacloud_"):
        return Field("model", hint)
    return Field("scalar", "any")


def schema(cls) -> dict[str, Field]:
    """wire key -> Field for one model class (memoised; nested models are resolved lazily)."""
    if cls in _SCHEMAS:
        return _SCHEMAS[cls]
    hints = _annotations(cls)
    keys = _wire_keys(cls)
    result = {}
    for attribute, hint in hints.items():
        key = keys.get(attribute)
        if key is None:
            continue
        result[key] = _field(hint)
    _SCHEMAS[cls] = result
    return result


_PYTHON_TYPES = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}


def problems(value, cls, path: str = "$") -> list[str]:
    """Every way `value` (parsed JSON) differs from the model: unknown keys and wrong types."""
    found: list[str] = []
    if not isinstance(value, dict):
        return [f"{path}: expected an object ({cls.__name__}), got {type(value).__name__}"]
    fields = schema(cls)
    for key, item in value.items():
        field = fields.get(key)
        if field is None:
            found.append(f"{path}.{key}: not in {cls.__name__}")
            continue
        found += _check(item, field, f"{path}.{key}")
    return found


def _check(value, field: Field, path: str) -> list[str]:
    if value is None:
        return [f"{path}: null"]
    if field.kind == "model":
        return problems(value, field.element, path)
    if field.kind == "list":
        if not isinstance(value, list):
            return [f"{path}: expected a list, got {type(value).__name__}"]
        found = []
        for index, item in enumerate(value):
            found += _check(item, field.element, f"{path}[{index}]")
        return found
    if field.kind == "map":
        if not isinstance(value, dict):
            return [f"{path}: expected an object, got {type(value).__name__}"]
        return []
    if field.element == "any":
        return []
    allowed = _PYTHON_TYPES[field.element]
    # bool is an int in Python: an integer field must not accept true/false, nor a bool field 0/1.
    if isinstance(value, bool) and field.element != "bool":
        return [f"{path}: expected {field.element}, got bool"]
    if not isinstance(value, allowed) or (field.element == "bool" and not isinstance(value, bool)):
        return [f"{path}: expected {field.element}, got {type(value).__name__} {value!r}"]
    return []


def missing(value: dict, cls, required_paths: list[str]) -> list[str]:
    """Documented keys (dotted paths, `[]` for every list item) that the response leaves out."""
    found = []
    for dotted in required_paths:
        found += _missing(value, dotted.split("."), "$")
    return found


def _missing(value, parts: list[str], path: str) -> list[str]:
    if not parts:
        return []
    head, rest = parts[0], parts[1:]
    if head.endswith("[]"):
        key = head[:-2]
        if not isinstance(value, dict) or key not in value:
            return [f"{path}.{key}: missing"]
        found = []
        for index, item in enumerate(value[key] or []):
            found += _missing(item, rest, f"{path}.{key}[{index}]")
        return found
    if not isinstance(value, dict) or head not in value:
        return [f"{path}.{head}: missing"]
    return _missing(value[head], rest, f"{path}.{head}")


def response_body_class(package_models, action: str):
    """`DescribeVpnConnection` -> the SDK's DescribeVpnConnectionResponseBody."""
    return getattr(package_models, action + "ResponseBody")


def request_class(package_models, action: str):
    return getattr(package_models, action + "Request")
