package dev.sio4ee.it.app.startup;

import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Test application: records what the server logs (every logger, INFO and above) while the application runs, on
 * both servers (Payara's and WildFly's log managers both deliver to handlers of the JUL root logger).
 * {@code GET /test/log} answers the records as {@code ["LEVEL logger: message | thrown", ...]}, LEVEL being
 * {@code ERROR} (Payara's SEVERE, WildFly's ERROR and above), {@code WARNING} or {@code INFO};
 * {@code POST /test/log?clear} forgets them; {@code POST /test/log?provoke} calls {@link FailingBean}.
 */
@WebListener
public class LogCapture implements ServletContextListener {
    private static final int KEEP = 2_000;
    private static final Deque<String> RECORDS = new ArrayDeque<>();
    private static final java.util.logging.Formatter FORMATTER = new java.util.logging.SimpleFormatter();
    private static final Handler HANDLER = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() < Level.INFO.intValue()) {
                return;
            }
            String message = FORMATTER.formatMessage(r); // localised, {0} parameters filled in (Payara)
            if (message != null && message.contains("%s") && r.getParameters() != null) {
                try {
                    message = String.format(message, r.getParameters()); // printf-style records (WildFly)
                } catch (java.util.IllegalFormatException e) {
                    // keep it as it is
                }
            }
            int level = r.getLevel().intValue(); // the servers name it SEVERE (Payara) or ERROR (WildFly)
            String tag = level >= Level.SEVERE.intValue() ? "ERROR" : level >= Level.WARNING.intValue() ? "WARNING"
                    : "INFO";
            StringBuilder line = new StringBuilder(tag).append(' ')
                    .append(r.getLoggerName()).append(": ").append(message);
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            synchronized (RECORDS) {
                RECORDS.addLast(line.toString());
                while (RECORDS.size() > KEEP) {
                    RECORDS.removeFirst();
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Logger.getLogger("").addHandler(HANDLER);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Logger.getLogger("").removeHandler(HANDLER);
    }

    /** The servlet reading and clearing the records. */
    @WebServlet("/test/log")
    public static class Records extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @EJB
        transient FailingBean failing;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            JsonArrayBuilder a = Json.createArrayBuilder();
            synchronized (RECORDS) {
                RECORDS.forEach(a::add);
            }
            resp.setContentType("application/json");
            resp.setCharacterEncoding("UTF-8");
            resp.getWriter().write(a.build().toString());
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (req.getParameter("clear") != null) {
                synchronized (RECORDS) {
                    RECORDS.clear();
                }
            }
            if (req.getParameter("provoke") != null) {
                try {
                    failing.fail();
                } catch (RuntimeException expected) {
                    // the container logged it (or not): the test reads the records
                }
            }
            resp.setStatus(204);
        }
    }
}
