package io.realskin.system.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the features RealSkin's overlays use: resources
 * (files and directories), strategic-merge patches (lists of named items merged by name), JSON 6902 patches with a
 * target, images and namespace. No kustomize binary is packaged for this machine, so the test renders the overlays
 * itself; where kubectl exists, {@code KubernetesManifestsTest} checks that both renderings agree.
 */
final class Kustomize {
    static List<Map<String, Object>> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        List<Map<String, Object>> docs = Manifests.documents(file);
        if (docs.size() != 1) {
            throw new AssertionError(file + " must hold one document");
        }
        CustomResources.Kustomization k = Manifests.as(docs.get(0), CustomResources.Kustomization.class);
        List<Map<String, Object>> resources = new ArrayList<>();
        for (String resource : k.resources()) {
            Path path = dir.resolve(resource).normalize();
            resources.addAll(Files.isDirectory(path) ? render(path) : Manifests.documents(path));
        }
        for (CustomResources.Patch patch : k.patches() == null ? List.<CustomResources.Patch>of() : k.patches()) {
            if (patch.path() != null) {
                Manifests.documents(dir.resolve(patch.path())).forEach(p -> strategicMerge(resources, p));
            } else {
                applyInline(resources, patch);
            }
        }
        if (k.images() != null) {
            resources.forEach(r -> setImages(r, k.images()));
        }
        if (k.namespace() != null) {
            resources.forEach(r -> metadata(r).put("namespace", k.namespace()));
        }
        return resources;
    }

    @SuppressWarnings("unchecked")
    private static void applyInline(List<Map<String, Object>> resources, CustomResources.Patch patch) {
        Object parsed;
        try {
            parsed = Manifests.YAML.readValue(patch.patch(), Object.class);
        } catch (Exception e) {
            throw new AssertionError("unreadable inline patch: " + patch.patch(), e);
        }
        if (parsed instanceof Map<?, ?> smp) {
            strategicMerge(resources, (Map<String, Object>) smp);
            return;
        }
        List<Map<String, Object>> targets = resources.stream()
                .filter(r -> patch.target() == null || Objects.equals(patch.target().kind(), r.get("kind")))
                .filter(r -> patch.target() == null || patch.target().name() == null || patch.target().name().equals(Manifests.name(r)))
                .toList();
        if (targets.isEmpty()) {
            throw new AssertionError("a patch targets nothing: " + patch.target());
        }
        for (Map<String, Object> target : targets) {
            for (Map<String, Object> op : (List<Map<String, Object>>) parsed) {
                json6902(target, op);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void json6902(Map<String, Object> target, Map<String, Object> op) {
        String[] path = String.valueOf(op.get("path")).substring(1).split("/");
        Map<String, Object> parent = target;
        for (int i = 0; i < path.length - 1; i++) {
            Object next = parent.get(unescape(path[i]));
            if (!(next instanceof Map<?, ?>)) {
                throw new AssertionError("patch path " + op.get("path") + " does not exist in " + Manifests.name(target));
            }
            parent = (Map<String, Object>) next;
        }
        String last = unescape(path[path.length - 1]);
        switch (String.valueOf(op.get("op"))) {
            case "replace" -> {
                if (!parent.containsKey(last)) {
                    throw new AssertionError("replace of a missing " + op.get("path") + " in " + Manifests.name(target));
                }
                parent.put(last, op.get("value"));
            }
            case "add" -> parent.put(last, op.get("value"));
            case "remove" -> parent.remove(last);
            default -> throw new AssertionError("unsupported patch operation " + op.get("op"));
        }
    }

    private static String unescape(String pointer) {
        return pointer.replace("~1", "/").replace("~0", "~");
    }

    private static void strategicMerge(List<Map<String, Object>> resources, Map<String, Object> patch) {
        Map<String, Object> target = resources.stream()
                .filter(r -> Objects.equals(r.get("kind"), patch.get("kind")) && Manifests.name(r).equals(Manifests.name(patch)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("a patch targets nothing: " + patch.get("kind") + " " + Manifests.name(patch)));
        merge(target, patch);
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            Object current = target.get(key);
            if (current instanceof Map<?, ?> c && value instanceof Map<?, ?> v) {
                merge((Map<String, Object>) c, (Map<String, Object>) v);
            } else if (current instanceof List<?> c && value instanceof List<?> v && named(c) && named(v)) {
                mergeByName((List<Object>) c, (List<Object>) v);
            } else {
                target.put(key, value);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static void mergeByName(List<Object> target, List<Object> patch) {
        for (Object item : patch) {
            Map<String, Object> p = (Map<String, Object>) item;
            Map<String, Object> existing = target.stream().map(t -> (Map<String, Object>) t)
                    .filter(t -> Objects.equals(t.get("name"), p.get("name"))).findFirst().orElse(null);
            if (existing == null) {
                target.add(new LinkedHashMap<>(p));
            } else {
                merge(existing, p);
            }
        }
    }

    private static boolean named(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.containsKey("name"));
    }

    @SuppressWarnings("unchecked")
    private static void setImages(Map<String, Object> resource, List<CustomResources.Image> images) {
        Object spec = resource.get("spec");
        if (!(spec instanceof Map<?, ?> s) || !(s.get("template") instanceof Map<?, ?> template)
                || !(template.get("spec") instanceof Map<?, ?> podSpec)) {
            return;
        }
        for (Object c : (List<Object>) ((Map<String, Object>) podSpec).getOrDefault("containers", List.of())) {
            Map<String, Object> container = (Map<String, Object>) c;
            String image = String.valueOf(container.get("image"));
            String name = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
            for (CustomResources.Image i : images) {
                if (i.name().equals(name)) {
                    String tag = i.newTag() != null ? i.newTag() : image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : null;
                    container.put("image", (i.newName() != null ? i.newName() : name) + (tag == null ? "" : ":" + tag));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> resource) {
        return (Map<String, Object>) resource.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    }

    private Kustomize() {
    }
}
