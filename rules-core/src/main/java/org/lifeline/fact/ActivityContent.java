package org.lifeline.fact;

/** The three contents a graduates' theme day must cover (task 8). */
public enum ActivityContent {
    /** 意识教育与"三会两制一课" */ AWARENESS_EDUCATION("毕业生团员、团干部意识教育（三会两制一课）"),
    /** 报告去向、转接关系 */ DESTINATION_AND_TRANSFER("报告毕业去向、转接团组织关系"),
    /** 8月前线下、9月起在线交费 */ DUES_SWITCH_NOTICE("明确线下交团费到8月、9月起在线交纳团费");

    private final String label;

    ActivityContent(String label) {
        this.label = label;
    }

    /** The content in the notice's words. */
    public String label() {
        return label;
    }
}
