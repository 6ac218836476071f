package io.wharf.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class its own {@link KafkaTestCluster} of three brokers: declare a parameter of that
 * type. The cluster starts on first use and stops after the class's last test.
 */
public final class KafkaClusterExtension implements ParameterResolver, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaTestCluster.class || type == TestKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return classStore(context)
                .getOrComputeIfAbsent("cluster", key -> KafkaTestCluster.start(), KafkaTestCluster.class);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        KafkaTestCluster cluster = classStore(context).remove("cluster", KafkaTestCluster.class);
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ExtensionContext.Store classStore(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()
                && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE);
    }
}
