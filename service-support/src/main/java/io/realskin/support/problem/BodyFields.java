package io.realskin.support.problem;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields a JSON request body's Java type defines, derived from the type itself, so a new body is covered without a
 * list to keep: a record's components (by their {@code @JsonProperty} name when they have one, and any
 * {@code @JsonAlias}), a bean of ours ({@code io.realskin}, not a record) by its setters and public fields; for a field
 * holding such an object, or a collection or array of them, that object's fields in {@link #nested}. A type whose
 * fields are not names (a {@link Map}, a {@code JsonNode}, a string, a number) or that takes any name
 * ({@code @JsonAnySetter}, {@code @JsonIgnoreProperties(ignoreUnknown = true)}) has none: {@link #of} is empty for it,
 * and it is not checked. A collection or array is the fields of its items (the body {@code [{…}]} is checked item by item).
 */
public record BodyFields(List<String> names, Map<String, BodyFields> nested) {
    private static final ClassValue<Optional<BodyFields>> OF_CLASS = new ClassValue<>() {
        @Override
        protected Optional<BodyFields> computeValue(Class<?> type) {
            return Optional.ofNullable(derive(type, new HashSet<>()));
        }
    };

    public BodyFields {
        names = List.copyOf(names);
        nested = Map.copyOf(nested);
    }

    /** The fields of a body read as {@code type} (an item's, for a collection or an array); empty when it is not checked. */
    public static Optional<BodyFields> of(Type type) {
        Class<?> objects = objectClass(type);
        return objects == null ? Optional.empty() : OF_CLASS.get(objects);
    }

    /** The fields of the object {@code name} holds (of each item, for a list), or null when that value is not checked. */
    public BodyFields fieldsOf(String name) {
        return nested.get(name);
    }

    /** The class whose objects a value of {@code type} holds: itself, or its items' for a collection or an array. */
    private static Class<?> objectClass(Type type) {
        if (type instanceof Class<?> c) {
            return c.isArray() ? objectClass(c.getComponentType()) : c;
        }
        if (type instanceof GenericArrayType array) {
            return objectClass(array.getGenericComponentType());
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (Collection.class.isAssignableFrom(raw) && p.getActualTypeArguments().length == 1) {
                return objectClass(p.getActualTypeArguments()[0]);
            }
            return raw;
        }
        return null; // a type variable or wildcard: not known here
    }

    /** Null for a type that is not checked; {@code open}: the classes being derived, so a type holding itself ends. */
    private static BodyFields derive(Class<?> type, Set<Class<?>> open) {
        if (!checkable(type) || !open.add(type)) {
            return null;
        }
        try {
            Map<String, Type> fields = type.isRecord() ? recordFields(type) : beanFields(type);
            if (fields == null) {
                return null;
            }
            Map<String, BodyFields> nested = new LinkedHashMap<>();
            for (Map.Entry<String, Type> field : fields.entrySet()) {
                Class<?> objects = objectClass(field.getValue());
                BodyFields inner = objects == null ? null : derive(objects, open);
                if (inner != null) {
                    nested.put(field.getKey(), inner);
                }
            }
            return new BodyFields(new ArrayList<>(fields.keySet()), nested);
        } finally {
            open.remove(type);
        }
    }

    private static boolean checkable(Class<?> type) {
        if (type.isPrimitive() || type.isEnum() || type.isInterface() || Modifier.isAbstract(type.getModifiers())
                || Map.class.isAssignableFrom(type)) {
            return false;
        }
        JsonIgnoreProperties ignore = type.getAnnotation(JsonIgnoreProperties.class);
        if (ignore != null && ignore.ignoreUnknown()) {
            return false;
        }
        return type.isRecord() || type.getPackageName().startsWith("io.realskin.");
    }

    /** Each component by the name Jackson reads it by (and its aliases), with its type. */
    private static Map<String, Type> recordFields(Class<?> type) {
        Map<String, Type> fields = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            List<AnnotatedElement> annotated = new ArrayList<>(List.of(component.getAccessor()));
            try {
                annotated.add(type.getDeclaredField(component.getName()));
            } catch (NoSuchFieldException impossible) {
                // a record has a field for each component
            }
            put(fields, component.getName(), annotated, component.getGenericType());
        }
        return anySetter(type) ? null : fields;
    }

    /** Each setter ({@code setUrl}: url) and public field; null for a class that has neither. */
    private static Map<String, Type> beanFields(Class<?> type) {
        Map<String, Type> fields = new LinkedHashMap<>();
        for (Method method : type.getMethods()) {
            String name = method.getName();
            if (!Modifier.isStatic(method.getModifiers()) && method.getParameterCount() == 1 && name.length() > 3
                    && name.startsWith("set") && method.getDeclaringClass() != Object.class) {
                put(fields, decapitalize(name.substring(3)), List.of(method), method.getGenericParameterTypes()[0]);
            }
        }
        for (Field field : type.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isFinal(field.getModifiers())) {
                put(fields, field.getName(), List.of(field), field.getGenericType());
            }
        }
        return fields.isEmpty() || anySetter(type) ? null : fields;
    }

    private static void put(Map<String, Type> fields, String name, List<AnnotatedElement> annotated, Type type) {
        String named = name;
        for (AnnotatedElement element : annotated) {
            JsonProperty property = element.getAnnotation(JsonProperty.class);
            if (property != null && !property.value().isEmpty()) {
                named = property.value();
            }
        }
        fields.put(named, type);
        for (AnnotatedElement element : annotated) {
            JsonAlias alias = element.getAnnotation(JsonAlias.class);
            if (alias != null) {
                Arrays.stream(alias.value()).forEach(a -> fields.putIfAbsent(a, type));
            }
        }
    }

    private static boolean anySetter(Class<?> type) {
        return Arrays.stream(type.getMethods()).anyMatch(m -> m.isAnnotationPresent(JsonAnySetter.class))
                || Arrays.stream(type.getDeclaredFields()).anyMatch(f -> f.isAnnotationPresent(JsonAnySetter.class));
    }

    /** Jackson's: the leading capitals lower-cased ({@code Url}: url, {@code URL}: url). */
    private static String decapitalize(String name) {
        int upper = 0;
        while (upper < name.length() && Character.isUpperCase(name.charAt(upper))) {
            upper++;
        }
        return name.substring(0, upper).toLowerCase(Locale.ROOT) + name.substring(upper);
    }
}
