package org.lifeline.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every fact record has a builder ({@code Organization.builder("B1").name(…)…build()}) with one setter per field,
 * named after it; required fields left out are named at {@code build()}; optional ones default as a CSV row without
 * them does. Checked for every {@link FactKind}, so a fact kind added later without a builder fails here.
 */
class FactBuilderTest {

    @Test
    void everyFactKindHasABuilderWithOneSetterPerFieldNamedAfterIt() throws Exception {
        for (FactKind kind : FactKind.values()) {
            Method builder = kind.type().getMethod("builder", String.class);
            assertThat(Modifier.isStatic(builder.getModifiers())).as(kind + ".builder is static").isTrue();
            Class<?> b = builder.getReturnType();
            assertThat(b.getEnclosingClass()).as(kind + "'s builder is nested in the record").isEqualTo(kind.type());
            for (RecordComponent c : kind.type().getRecordComponents()) {
                if (c.getName().equals("id")) {
                    continue;
                }
                Class<?> param = c.getType() == List.class
                        ? java.lang.reflect.Array.newInstance(listElement(c), 0).getClass() : c.getType();
                assertThat(b.getMethod(c.getName(), param).getReturnType()).as(kind + " setter " + c.getName()).isEqualTo(b);
            }
            assertThat(b.getMethod("build").getReturnType()).isEqualTo(kind.type());
        }
    }

    @Test
    void aBuilderGivenEveryFieldBuildsTheRecordWithThoseValues() throws Exception {
        for (FactKind kind : FactKind.values()) {
            Fact full = FactParser.parse(kind, sampleRow(kind, false), null);
            Object b = kind.type().getMethod("builder", String.class).invoke(null, full.id());
            for (RecordComponent c : kind.type().getRecordComponents()) {
                if (c.getName().equals("id")) {
                    continue;
                }
                Object value = c.getAccessor().invoke(full);
                if (c.getType() == List.class) {
                    List<?> l = (List<?>) value;
                    Object array = java.lang.reflect.Array.newInstance(listElement(c), l.size());
                    for (int i = 0; i < l.size(); i++) {
                        java.lang.reflect.Array.set(array, i, l.get(i));
                    }
                    value = array;
                }
                setter(b, c).invoke(b, value);
            }
            assertThat(b.getClass().getMethod("build").invoke(b)).as(kind.name()).isEqualTo(full);
        }
    }

    @Test
    void withOnlyTheRequiredFieldsTheOptionalOnesDefaultAsInACsvRowWithoutThem() throws Exception {
        for (FactKind kind : FactKind.values()) {
            Fact minimal = FactParser.parse(kind, sampleRow(kind, true), null);
            assertThat(build(kind, minimal, null)).as(kind.name()).isEqualTo(minimal);
        }
        assertThat(Organization.builder("GD").name("团省委").type(OrgType.PROVINCIAL_COMMITTEE).sector(Sector.REGIONAL).build())
                .isEqualTo(Organization.of("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL));
        assertThat(Member.builder("M1").orgId("B1").build()).isEqualTo(Member.of("M1", "B1"));
        assertThat(Activity.builder("A1").orgId("B1").heldOn(LocalDate.of(2018, 6, 28))
                .kind(ActivityKind.GRADUATE_THEME_DAY).build().covers()).isEmpty();
    }

    @Test
    void buildNamesTheKindTheIdAndTheRequiredFieldLeftOut() throws Exception {
        int checked = 0;
        for (FactKind kind : FactKind.values()) {
            Fact minimal = FactParser.parse(kind, sampleRow(kind, true), null);
            for (RecordComponent c : kind.type().getRecordComponents()) {
                if (c.getName().equals("id") || !required(c)) {
                    continue;
                }
                assertThatThrownBy(() -> build(kind, minimal, c.getName())).as(kind + " without " + c.getName())
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(kind.type().getSimpleName() + " " + minimal.id() + ": missing required field '"
                                + c.getName() + "'");
                checked++;
            }
        }
        assertThat(checked).as("required fields besides the ids").isEqualTo(34);
        assertThatThrownBy(() -> Member.builder(null).orgId("B1").build())
                .hasMessage("Member: missing required field 'id'");
        assertThatThrownBy(() -> Enterprise.builder(" ").name("示例集团").build())
                .hasMessage("Enterprise: missing required field 'id'");
    }

    @Test
    void aBuilderReadsLikeTheRecordItMakes() {
        Organization branch = Organization.builder("B1").name("示例团支部").parentId("GD").type(OrgType.BRANCH)
                .sector(Sector.TWO_NEW).graduatingClass(2018).build();
        assertThat(branch).isEqualTo(new Organization("B1", "示例团支部", "GD", OrgType.BRANCH, Sector.TWO_NEW, null, null,
                false, null, 2018, null, null));
        FeePayment paid = FeePayment.builder("P1").memberId("M1").month(YearMonth.of(2018, 9))
                .paidOn(LocalDate.of(2018, 9, 12)).channel(PaymentChannel.ONLINE).amountCents(50).build();
        assertThat(paid).isEqualTo(new FeePayment("P1", "M1", YearMonth.of(2018, 9), LocalDate.of(2018, 9, 12),
                PaymentChannel.ONLINE, 50, null));
        Member reported = Member.builder("M2").orgId("B1").reportedAt(LocalDateTime.of(2018, 6, 21, 9, 30)).build();
        assertThat(reported.reported()).isTrue();
    }

    /** Builds {@code like} field by field through its builder, leaving {@code without} out. */
    private static Object build(FactKind kind, Fact like, String without) throws Exception {
        Object b = kind.type().getMethod("builder", String.class).invoke(null, like.id());
        for (RecordComponent c : kind.type().getRecordComponents()) {
            Object value = c.getAccessor().invoke(like);
            if (c.getName().equals("id") || c.getName().equals(without) || value == null || c.getType() == List.class) {
                continue;
            }
            setter(b, c).invoke(b, value);
        }
        try {
            return b.getClass().getMethod("build").invoke(b);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private static Method setter(Object builder, RecordComponent c) throws NoSuchMethodException {
        Class<?> param = c.getType() == List.class
                ? java.lang.reflect.Array.newInstance(listElement(c), 0).getClass() : c.getType();
        return builder.getClass().getMethod(c.getName(), param);
    }

    /** Required as in a CSV row: not {@code @Nullable}, not a true/false field (false when absent), not a list. */
    private static boolean required(RecordComponent c) {
        return !c.isAnnotationPresent(Nullable.class) && c.getType() != boolean.class && c.getType() != List.class;
    }

    /** A row with a distinct text for every field (or only the required ones), as a CSV file would give it. */
    private static Map<String, Object> sampleRow(FactKind kind, boolean requiredOnly) {
        Map<String, Object> row = new LinkedHashMap<>();
        int n = 0;
        for (RecordComponent c : kind.type().getRecordComponents()) {
            n++;
            if (requiredOnly && !c.getName().equals("id") && !required(c)) {
                continue;
            }
            Class<?> t = c.getType();
            Object v;
            if (t == String.class) {
                v = c.getName().equals("id") ? "X1" : "v" + n;
            } else if (t.isEnum()) {
                Object[] all = t.getEnumConstants();
                v = all[all.length - 1].toString();
            } else if (t == LocalDate.class) {
                v = "2018-06-" + (10 + n);
            } else if (t == LocalDateTime.class) {
                v = "2018-06-" + (10 + n) + "T09:30";
            } else if (t == YearMonth.class) {
                v = "2018-09";
            } else if (t == int.class || t == Integer.class) {
                v = String.valueOf(2010 + n);
            } else if (t == long.class) {
                v = String.valueOf(100 + n);
            } else if (t == Double.class) {
                v = n + ".5";
            } else if (t == boolean.class || t == Boolean.class) {
                v = "true";
            } else if (t == List.class) {
                List<String> all = new ArrayList<>();
                for (Object e : listElement(c).getEnumConstants()) {
                    all.add(e.toString());
                }
                v = all;
            } else {
                throw new AssertionError("no sample value for " + t + " (" + kind + "." + c.getName() + ")");
            }
            row.put(c.getName(), v);
        }
        return row;
    }

    private static Class<?> listElement(RecordComponent c) {
        return (Class<?>) ((java.lang.reflect.ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
    }
}
